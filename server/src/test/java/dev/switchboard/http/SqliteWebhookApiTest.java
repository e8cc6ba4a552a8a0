package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks on the embedded SQLite store; and the SSRF guard of a server that allows no private target. */
class SqliteWebhookApiTest extends WebhookApiTest {
    @TempDir
    static Path data;

    @TempDir
    static Path guarded;

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(data, Map.of("SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE", "true"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Override
    protected TestServer server() {
        return server;
    }

    @Test
    void privateLoopbackAndLinkLocalTargetsAreRefusedByDefault() {
        try (TestServer strict = TestServer.sqlite(guarded, Map.of())) {
            String admin = strict.createTenant("guarded");
            for (String url : new String[] {
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://10.1.2.3/",
                "http://169.254.169.254/latest",
                "http://[::1]/",
                "http://[::ffff:192.168.0.1]/",
                "ftp://example.com/"
            }) {
                TestServer.Response refused = strict.json(
                        "PUT",
                        "/v1/webhooks/h",
                        admin,
                        "{\"url\": \"" + url + "\", \"events\": [\"escalation.created\"]}");
                assertThat(refused.status()).as(url + ": " + refused).isEqualTo(422);
                assertThat(refused.body()).contains("\"field\":\"url\"");
            }
            assertThat(strict.get("/v1/webhooks", admin).json().path("items")).isEmpty();
        }
    }
}
