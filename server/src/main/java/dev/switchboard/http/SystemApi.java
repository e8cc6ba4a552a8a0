package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InvalidInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** Health, metrics and the OpenAPI document: public, for load balancers, Prometheus and client generators. */
final class SystemApi {
    static final String OPENAPI_RESOURCE = "/openapi.yaml";

    private final BooleanSupplier ready;
    private final Metrics metrics;
    /** Rendered on first request: parsing the YAML source would otherwise add to start-up time. */
    private volatile byte[] openApi;

    SystemApi(BooleanSupplier ready, Metrics metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    /** The API description, read from the YAML source kept next to the code. */
    static JsonNode openApiDocument() {
        try (InputStream in = SystemApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return Documents.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DocumentFormat.YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("the OpenAPI document is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** {@code GET /health/live}: the process is up. */
    void live(Context ctx) {
        Json.respond(ctx, 200, Json.object().put("status", "live"));
    }

    /** {@code GET /health/ready}: started and the database answers. */
    void ready(Context ctx) {
        if (!ready.getAsBoolean()) {
            throw new ApiProblem(
                    503, "not_ready", "Not ready", "the server is starting, stopping or cannot reach its database");
        }
        Json.respond(ctx, 200, Json.object().put("status", "ready"));
    }

    /** {@code GET /metrics}: Prometheus text format. */
    void metrics(Context ctx) {
        Responses.send(
                ctx,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /openapi.json}: OpenAPI 3.1. */
    void openApi(Context ctx) {
        byte[] document = openApi;
        if (document == null) {
            document = Json.bytes(openApiDocument());
            openApi = document;
        }
        Responses.send(ctx, 200, Json.CONTENT_TYPE, document);
    }
}
