package dev.switchboard.http;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Webhooks on PostgreSQL (required when {@code CI=true}). */
class PostgresWebhookApiTest extends WebhookApiTest {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.postgres(Map.of("SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE", "true"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TestServer server() {
        return server;
    }
}
