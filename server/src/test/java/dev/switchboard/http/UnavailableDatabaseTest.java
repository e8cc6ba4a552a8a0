package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.TestServer.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When PostgreSQL goes away the server says so with 503s — not ready, retry later — never a 500. */
class UnavailableDatabaseTest {
    @Test
    void lostDatabase_makesTheServerNotReady_andRequestsAnswer503() throws Exception {
        try (TestServer server = TestServer.postgres(Map.of())) {
            String agent = server.createKey(server.createTenant("gone"), "agent", "bot");
            assertThat(server.get("/health/ready", null).status()).isEqualTo(200);

            blockConnections(server);

            Response ready = server.get("/health/ready", null);
            Response route = server.post("/v1/route", agent, "{\"message\": \"hi\", \"session_id\": \"s\"}");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("code").asText()).isEqualTo("not_ready");
            assertThat(route.status()).isEqualTo(503);
            assertThat(route.json().get("code").asText()).isEqualTo("database_unavailable");
            assertThat(route.header("Retry-After")).isEqualTo("1");
            assertThat(server.get("/health/live", null).status()).isEqualTo(200);
        }
    }

    /** Stops new connections to the server's database and ends its open ones, as an outage would. */
    private static void blockConnections(TestServer server) throws Exception {
        String url = server.server().config().databaseUrl();
        String name = url.substring(url.lastIndexOf('/') + 1);
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", null);
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }
}
