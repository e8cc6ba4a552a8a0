package dev.switchboard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as CEL expects them: integral numbers → {@code Long} (beyond its range → {@code Double}), other
 * numbers → {@code Double}, objects → {@code Map}, arrays → {@code List}, {@code null} → CEL's null. With
 * heterogeneous comparisons on, {@code 150000 > 100000.5} and {@code 3 == 3.0} then compare as numbers.
 */
public final class CelValues {
    private CelValues() {}

    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(fromJson(element)));
            return list;
        }
        if (node.isObject()) {
            return objectFromJson(node);
        }
        return node.asText();
    }

    /** An object's fields as a CEL map (insertion ordered). */
    public static Map<String, Object> objectFromJson(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), fromJson(field.getValue()));
        }
        return map;
    }
}
