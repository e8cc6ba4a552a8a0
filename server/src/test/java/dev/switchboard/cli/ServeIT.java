package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./switchboard serve} as an operator runs it: it starts, serves, stops gracefully on SIGTERM (flushing the
 * decision log), and a restart on the same data folder finds everything again.
 */
class ServeIT {
    @TempDir
    Path data;

    @Test
    void serve_stopsGracefullyOnSigterm_andRestartsOnItsData() throws Exception {
        ServerProcess first = ServerProcess.start(data, Map.of());
        String admin = ok(
                        first,
                        "POST",
                        "/v1/tenants",
                        ServerProcess.ADMIN_TOKEN,
                        "{\"id\": \"acme\", \"name\": \"Acme\"}")
                .get("admin_key")
                .asText();
        String agent = ok(first, "POST", "/v1/api-keys", admin, "{\"role\": \"agent\", \"name\": \"bot-1\"}")
                .get("key")
                .asText();
        for (int i = 0; i < 5; i++) {
            ok(first, "POST", "/v1/route", agent, "{\"message\": \"转人工 " + i + "\", \"session_id\": \"s-1\"}");
        }

        first.process().destroy();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (ServerProcess second = ServerProcess.start(data, Map.of())) {
            String supervisor = ok(
                            second, "POST", "/v1/api-keys", admin, "{\"role\": \"supervisor\", \"name\": \"sup\"}")
                    .get("key")
                    .asText();
            JsonNode decisions = ok(second, "GET", "/v1/decisions", supervisor, null);
            JsonNode routed = ok(second, "POST", "/v1/route", agent, "{\"message\": \"hi\", \"session_id\": \"s-1\"}");

            assertThat(decisions.get("items")).hasSize(5);
            assertThat(routed.get("decided_by").asText()).isEqualTo("session_mode");
        }
    }

    private static JsonNode ok(ServerProcess node, String method, String path, String token, String body) {
        ServerProcess.Answer answer = node.must(method, path, token, body);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        return answer.json();
    }
}
