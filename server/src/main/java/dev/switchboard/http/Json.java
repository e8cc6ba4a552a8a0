package dev.switchboard.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.json.JsonMappers;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** JSON in and out of the API: strict parsing limits, explicit wire objects, UTF-8 responses. */
public final class Json {
    /** Deepest nesting a request body may have. */
    public static final int MAX_DEPTH = 64;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonMappers.factoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(100)
                            .maxStringLength(1 << 20)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Spelled as Jetty spells it, so that its MIME cache has it instead of parsing it for every response. */
    public static final String CONTENT_TYPE = "application/json;charset=utf-8";

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** An instant as RFC 3339 UTC, or null. */
    public static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** What writes a response's document to a generator (which the caller closes). */
    @FunctionalInterface
    interface Document {
        void write(JsonGenerator generator) throws IOException;
    }

    /** Writes {@code body} with {@code status}. */
    public static void respond(Context ctx, int status, JsonNode body) {
        respond(ctx, status, generator -> write(generator, body));
    }

    /**
     * Writes the document with {@code status}, generated straight into the response's stream (by way of the
     * generator's pooled buffer): no copy of the whole document is made. Call it last, as {@link Responses#send}.
     */
    static void respond(Context ctx, int status, Document document) {
        ctx.status(status).contentType(CONTENT_TYPE);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(ctx.outputStream())) {
            // Javalin closes its stream after the handlers; the generator only flushes into it.
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            document.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document as UTF-8, written by walking the tree with a generator: going through the object mapper (a
     * serializer provider per call, serializer lookups) cost more than producing the bytes of a routing decision.
     */
    static byte[] bytes(JsonNode body) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            write(generator, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        out.release();
        return bytes;
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL, MISSING -> generator.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case FLOAT -> generator.writeNumber(node.floatValue());
                    case DOUBLE -> generator.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                }
            }
            case BINARY, POJO -> MAPPER.writeTree(generator, node);
        }
    }
}
