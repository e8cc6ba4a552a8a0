package dev.switchboard.http;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Console sessions on PostgreSQL (required when {@code CI=true}). */
class PostgresConsoleSessionApiTest extends ConsoleSessionApiTest {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.postgres(Map.of());
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
