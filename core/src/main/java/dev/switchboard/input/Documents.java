package dev.switchboard.input;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.json.JsonMappers;
import java.util.List;

/** Parses JSON and YAML documents into trees; duplicate keys are errors. Thread-safe. */
public final class Documents {
    private static final ObjectMapper JSON = JsonMapper.builder(
                    JsonMappers.factoryBuilder().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Documents() {}

    /** Parses the text into a tree; a syntax error is reported with its line and column. */
    public static JsonNode parse(String text, DocumentFormat format) throws InvalidInputException {
        try {
            JsonNode tree = (format == DocumentFormat.YAML ? YAML : JSON).readTree(text);
            return tree == null ? JSON.nullNode() : tree;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new InvalidInputException(
                    List.of(new Problem("", "not valid " + format + ": " + where + e.getOriginalMessage())));
        }
    }
}
