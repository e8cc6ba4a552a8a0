package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.ServerConfig;
import dev.switchboard.server.Switchboard;
import dev.switchboard.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Switchboard server on a random port, on SQLite (in a folder) or on a fresh PostgreSQL database, with a small
 * HTTP client for black-box tests.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Switchboard server;
    private final TestDatabases.PostgresDatabase postgres;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Switchboard server, TestDatabases.PostgresDatabase postgres) {
        this.server = server;
        this.postgres = postgres;
    }

    /** A server on SQLite in {@code dataDir}; {@code env} overrides settings (e.g. the rate limit). */
    public static TestServer sqlite(Path dataDir, Map<String, String> env) {
        return new TestServer(Switchboard.start(config(env, dataDir, null), Clock.systemUTC()), null);
    }

    /** A server on a PostgreSQL database created for it (dropped on close). */
    public static TestServer postgres(Map<String, String> env) {
        TestDatabases.PostgresDatabase postgres = TestDatabases.freshPostgres();
        postgres.database().close();
        return new TestServer(Switchboard.start(config(env, Path.of("unused"), postgres), Clock.systemUTC()), postgres);
    }

    /**
     * A second node on the same PostgreSQL database as {@code first} (which owns the database and drops it on
     * close), as another process would be.
     */
    public static TestServer postgresPeer(TestServer first, Map<String, String> env) {
        if (first.postgres == null) {
            throw new IllegalArgumentException("a peer shares a PostgreSQL database");
        }
        return new TestServer(
                Switchboard.start(config(env, Path.of("unused"), first.postgres), Clock.systemUTC()), null);
    }

    private static ServerConfig config(Map<String, String> env, Path dataDir, TestDatabases.PostgresDatabase postgres) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SWITCHBOARD_ADMIN_TOKEN", ADMIN_TOKEN);
        settings.put("SWITCHBOARD_HOST", "127.0.0.1");
        if (postgres != null) {
            settings.put("SWITCHBOARD_DB_URL", postgres.url());
            settings.put("SWITCHBOARD_DB_USER", postgres.user());
        }
        settings.putAll(env);
        return ServerConfig.from(settings, 0, dataDir);
    }

    public Switchboard server() {
        return server;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Sends a request with raw bytes (null: no body). */
    public Response send(String method, String path, String token, String contentType, byte[] body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    /** Sends a request with raw bytes (null: no body) and extra headers. */
    public Response send(
            String method, String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    response.statusCode(),
                    response.headers().map(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends JSON (a string, sent as is) or no body when null. */
    public Response json(String method, String path, String token, String json) {
        return send(
                method,
                path,
                token,
                json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path, String token) {
        return json("GET", path, token, null);
    }

    public Response post(String path, String token, String json) {
        return json("POST", path, token, json);
    }

    /** POSTs JSON (or no body when null) with extra headers. */
    public Response post(String path, String token, String json, Map<String, String> headers) {
        return send(
                "POST",
                path,
                token,
                json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    /** Creates a tenant and returns its first admin key. */
    public String createTenant(String id) {
        Response created = post(
                "/v1/tenants",
                ADMIN_TOKEN,
                "{\"id\": \"" + id + "\", \"name\": \"" + id
                        + "\", \"default_locale\": \"en\", \"timezone\": \"Asia/Riyadh\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create tenant " + id + ": " + created);
        }
        return created.json().get("admin_key").asText();
    }

    /** Creates a key of the role in the tenant of {@code adminKey} and returns it. */
    public String createKey(String adminKey, String role, String name) {
        Response created = post("/v1/api-keys", adminKey, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create key: " + created);
        }
        return created.json().get("key").asText();
    }

    @Override
    public void close() {
        server.close();
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }

    /** An HTTP response. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
