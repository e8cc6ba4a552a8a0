package dev.switchboard.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import java.util.List;

/** JSON for the command line: inline option values in, pretty UTF-8 documents out. */
final class CliJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliJson() {}

    /** Parses the JSON value of an option such as {@code --context}; a syntax error names the option. */
    static JsonNode option(String option, String text) throws InvalidInputException {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(new Problem(option, "not valid JSON: " + e.getOriginalMessage())));
        }
    }

    static String pretty(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
