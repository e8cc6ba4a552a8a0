package dev.switchboard.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InvalidInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads request bodies at the edge: the content type must fit ({@code 415}), the size must stay under the limit
 * ({@code 413}), the bytes must be UTF-8 and the document well-formed ({@code 400}). Field validation comes after.
 */
public final class Bodies {
    /** Most bytes of an oversized body read (and discarded) before answering {@code 413}. */
    static final long DRAIN_LIMIT = 16L << 20;

    private final long maxBytes;

    public Bodies(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * A JSON body. The body is read before its content type is judged, so that a client still sending it reads the
     * {@code 415} instead of a reset connection.
     */
    public JsonNode json(Context ctx) {
        byte[] bytes = bytes(ctx);
        if (format(ctx.contentType()) != DocumentFormat.JSON) {
            throw unsupported(ctx.contentType(), "application/json");
        }
        return parseJson(utf8(bytes));
    }

    /** A JSON body that may be left out (e.g. {@code {}} of an action); null when there is none. */
    public JsonNode optionalJson(Context ctx) {
        String length = ctx.header("Content-Length");
        boolean none = (length != null && length.strip().equals("0"))
                || (length == null && ctx.header("Transfer-Encoding") == null);
        return none ? null : json(ctx);
    }

    /** A JSON or YAML body, by content type; {@code policy} documents take both. */
    public JsonNode jsonOrYaml(Context ctx) {
        byte[] bytes = bytes(ctx);
        DocumentFormat format = format(ctx.contentType());
        if (format == null) {
            throw unsupported(ctx.contentType(), "application/json or application/yaml");
        }
        String text = utf8(bytes);
        if (format == DocumentFormat.JSON) {
            return parseJson(text);
        }
        try {
            return Documents.parse(text, DocumentFormat.YAML);
        } catch (InvalidInputException e) {
            throw new ApiProblem(400, "malformed_body", "The body is not valid YAML", e.getMessage());
        }
    }

    private static ApiProblem unsupported(String given, String expected) {
        return new ApiProblem(
                415,
                "unsupported_media_type",
                "Unsupported content type",
                "Content-Type must be " + expected + " (UTF-8); got " + (given == null ? "none" : given));
    }

    /** JSON or YAML from a content type; null for anything else or a charset other than UTF-8. */
    static DocumentFormat format(String contentType) {
        if (contentType == null) {
            return null;
        }
        if (contentType.equals("application/json")) {
            return DocumentFormat.JSON;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (parts.length == 0) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=")
                    && !parameter.substring(8).replace("\"", "").equals("utf-8")) {
                return null;
            }
        }
        return switch (parts[0].strip()) {
            case "application/json" -> DocumentFormat.JSON;
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> DocumentFormat.YAML;
            default -> null;
        };
    }

    /** The body's bytes, within the size limit and not empty. */
    private byte[] bytes(Context ctx) {
        String length = ctx.header("Content-Length");
        byte[] bytes;
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ApiProblem(400, "malformed_request", "Bad Content-Length", "Content-Length is not a number");
            }
            if (declared < 0) {
                throw new ApiProblem(400, "malformed_request", "Bad Content-Length", "Content-Length is negative");
            }
            if (declared > maxBytes) {
                drain(ctx);
                throw tooLarge();
            }
            bytes = readExactly(ctx, (int) declared);
        } else {
            bytes = read(ctx);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw new ApiProblem(400, "malformed_body", "The body is empty", "this request needs a body");
        }
        return bytes;
    }

    /**
     * A body of known length, read in one go (the framework's reader copies through growing buffers, which cost more
     * than the rest of reading a routing request).
     */
    private static byte[] readExactly(Context ctx, int length) {
        try {
            byte[] bytes = ctx.req().getInputStream().readNBytes(length);
            if (bytes.length < length) {
                throw endedEarly();
            }
            return bytes;
        } catch (IOException e) {
            throw endedEarly();
        }
    }

    /** A body without a declared length (chunked), read within the size limit; cut short by the client: {@code 400}. */
    private static byte[] read(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (io.javalin.http.HttpResponseException e) {
            throw e;
        } catch (Exception e) {
            throw endedEarly();
        }
    }

    private static ApiProblem endedEarly() {
        return new ApiProblem(
                400, "malformed_body", "The body could not be read", "the body ended early or was malformed");
    }

    /**
     * The body as text, refused unless it is UTF-8. The JDK's own decoding is the fast one, and it puts a U+FFFD in
     * place of every malformed sequence: only a text holding one needs the strict (slower) decoder to tell a
     * malformed body from one that sent U+FFFD itself.
     */
    static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw notUtf8();
            }
        }
        return text;
    }

    private static ApiProblem notUtf8() {
        return new ApiProblem(400, "malformed_body", "The body is not UTF-8", "the body contains invalid UTF-8");
    }

    /**
     * Reads and discards a body that is too large (up to {@link #DRAIN_LIMIT}), so that the client, still sending it,
     * gets to read the {@code 413} instead of a reset connection.
     */
    private static void drain(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n > 0 && total < DRAIN_LIMIT; n = in.read(buffer)) {
                total += n;
            }
        } catch (IOException e) {
            // the client gave up; the 413 goes out regardless
        }
    }

    private ApiProblem tooLarge() {
        return tooLarge(maxBytes);
    }

    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(
                413, "payload_too_large", "The body is too large", "the body may be at most " + maxBytes + " bytes");
    }

    static JsonNode parseJson(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ApiProblem(400, "malformed_json", "The body is not valid JSON", "the body is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new ApiProblem(400, "malformed_json", "The body is not acceptable JSON", e.getOriginalMessage());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ApiProblem(400, "malformed_json", "The body is not valid JSON", e.getOriginalMessage() + where);
        }
    }
}
