package dev.switchboard.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a parsed JSON or YAML input, with its field path, read by typed accessors that record a {@link Problem}
 * instead of failing, so one pass over a document reports everything wrong with it. Accessors return {@code null}
 * (or the default) when the value is absent or wrong. Not thread-safe.
 */
public final class InputNode {
    private final JsonNode node;
    private final String path;
    private final Problems problems;

    private InputNode(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    public static InputNode root(JsonNode node, Problems problems) {
        return new InputNode(node, "", problems);
    }

    public String path() {
        return path;
    }

    public JsonNode json() {
        return node;
    }

    /** Absent or JSON {@code null}. */
    public boolean isMissing() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    public void problem(String message) {
        problems.add(path, message);
    }

    public InputNode get(String field) {
        return new InputNode(
                node == null ? null : node.get(field), path.isEmpty() ? field : path + "." + field, problems);
    }

    /**
     * Checks that this is an object whose fields are all among {@code allowed}; reports each unknown field by name.
     * Returns whether it is an object (missing counts as not).
     */
    public boolean object(Set<String> allowed) {
        if (isMissing()) {
            return false;
        }
        if (!node.isObject()) {
            problem("must be an object");
            return false;
        }
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        unknown.forEach(name -> get(name).problem("unknown field"));
        return true;
    }

    /** The entries of an object in document order; empty (with a problem) when this is not an object. */
    public Map<String, InputNode> entries() {
        Map<String, InputNode> entries = new LinkedHashMap<>();
        if (isMissing()) {
            return entries;
        }
        if (!node.isObject()) {
            problem("must be an object");
            return entries;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            entries.put(field.getKey(), get(field.getKey()));
        }
        return entries;
    }

    /** The elements of a list, at most {@code maxSize}; empty (with a problem) when this is not a list. */
    public List<InputNode> list(int maxSize) {
        List<InputNode> elements = new ArrayList<>();
        if (isMissing()) {
            return elements;
        }
        if (!node.isArray()) {
            problem("must be a list");
            return elements;
        }
        if (node.size() > maxSize) {
            problem("must have at most " + maxSize + " elements, has " + node.size());
            return elements;
        }
        for (int i = 0; i < node.size(); i++) {
            elements.add(new InputNode(node.get(i), path + "[" + i + "]", problems));
        }
        return elements;
    }

    public String string(boolean required, int maxLength) {
        if (isMissing()) {
            if (required) {
                problem("is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            problem("must be a string");
            return null;
        }
        String value = node.textValue();
        if (required && value.isBlank()) {
            problem("must not be blank");
            return null;
        }
        if (value.length() > maxLength) {
            problem("must be at most " + maxLength + " characters, is " + value.length());
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            problem("must not contain NUL characters");
            return null;
        }
        return value;
    }

    public Boolean bool(Boolean defaultValue) {
        if (isMissing()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            problem("must be true or false");
            return defaultValue;
        }
        return node.booleanValue();
    }

    public Double number(double min, double max, Double defaultValue) {
        if (isMissing()) {
            return defaultValue;
        }
        if (!node.isNumber()) {
            problem("must be a number");
            return defaultValue;
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            problem("must be between " + min + " and " + max + ", is " + node.asText());
            return defaultValue;
        }
        return value;
    }

    public Integer integer(int min, int max, Integer defaultValue) {
        if (isMissing()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problem("must be an integer");
            return defaultValue;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            problem("must be between " + min + " and " + max + ", is " + value);
            return defaultValue;
        }
        return value;
    }

    /** A wire enum ({@code snake_case}, any case); unknown codes are reported with the accepted ones. */
    public <E extends Enum<E>> E enumValue(Class<E> type, E defaultValue) {
        if (isMissing()) {
            return defaultValue;
        }
        if (!node.isTextual()) {
            problem("must be one of: " + WireEnum.codes(type));
            return defaultValue;
        }
        return WireEnum.parse(type, node.textValue()).orElseGet(() -> {
            problem("must be one of: " + WireEnum.codes(type) + "; got \"" + node.textValue() + "\"");
            return defaultValue;
        });
    }
}
