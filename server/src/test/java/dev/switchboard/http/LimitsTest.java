package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.TestServer.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits that need a server configured for them: the per-key rate limit and the body size limit. */
class LimitsTest {
    @TempDir
    Path data;

    @Test
    void rateLimit_isPerKey_andAnswers429WithRetryAfter() {
        try (TestServer server =
                TestServer.sqlite(data, Map.of("SWITCHBOARD_RATE_LIMIT", "0.5", "SWITCHBOARD_RATE_BURST", "3"))) {
            String admin = server.createTenant("limited");
            String agent = server.createKey(admin, "agent", "bot");

            for (int i = 0; i < 3; i++) {
                assertThat(server.post("/v1/route", agent, "{\"message\": \"hi\"}")
                                .status())
                        .isEqualTo(200);
            }
            Response limited = server.post("/v1/route", agent, "{\"message\": \"hi\"}");

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
            String otherAgent = server.createKey(server.createTenant("other"), "agent", "bot");
            assertThat(server.post("/v1/route", otherAgent, "{\"message\": \"hi\"}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void bodyLimit_isConfigurable_andAnswers413() {
        try (TestServer server = TestServer.sqlite(data, Map.of("SWITCHBOARD_MAX_BODY_BYTES", "2048"))) {
            String agent = server.createKey(server.createTenant("small"), "agent", "bot");

            Response fits = server.post("/v1/route", agent, "{\"message\": \"" + "a".repeat(1900) + "\"}");
            Response tooLarge = server.post("/v1/route", agent, "{\"message\": \"" + "a".repeat(2100) + "\"}");

            assertThat(fits.status()).isEqualTo(200);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.json().get("code").asText()).isEqualTo("payload_too_large");
        }
    }
}
