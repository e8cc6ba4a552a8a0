package dev.switchboard.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON files the mains write with {@code --json}: indented, snake_case names (records' components too). */
final class JsonDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonDocuments() {}

    static String write(Object document) throws JsonProcessingException {
        return MAPPER.writeValueAsString(document) + "\n";
    }
}
