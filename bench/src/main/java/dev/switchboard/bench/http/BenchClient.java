package dev.switchboard.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to the server under test that must succeed (2xx); the bench's own setup and escalation traffic. */
final class BenchClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ServerProcess server;

    BenchClient(ServerProcess server) {
        this.server = server;
    }

    /** Creates tenant {@code id} with the instance admin token; its first admin key. */
    String tenant(String adminToken, String id) throws IOException, InterruptedException {
        String body =
                "{\"id\": \"" + id + "\", \"name\": \"Bench\", \"default_locale\": \"en\", \"timezone\": \"UTC\"}";
        return post("/v1/tenants", adminToken, body).get("admin_key").asText();
    }

    /** Creates an API key of {@code role} named {@code name} with the tenant's admin key; the key. */
    String key(String adminKey, String role, String name) throws IOException, InterruptedException {
        return post("/v1/api-keys", adminKey, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}")
                .get("key")
                .asText();
    }

    /** {@code POST path} with {@code json}; the JSON answer, or a failure naming the status and body. */
    JsonNode post(String path, String token, String json) throws IOException, InterruptedException {
        URI uri = server.uri(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
