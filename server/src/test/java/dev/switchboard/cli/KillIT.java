package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5: an acknowledged write survives {@code kill -9}. The server runs as its own process; writers create and
 * resolve escalations as fast as it answers; the process is killed with SIGKILL mid-load and restarted on the same
 * data, and every packet it acknowledged ({@code 2xx}) must be there, in the state it acknowledged. On SQLite and on
 * PostgreSQL.
 */
class KillIT {
    private static final int WRITERS = 8;
    private static final Duration LOAD = Duration.ofSeconds(3);

    @TempDir
    Path data;

    @Test
    void sqlite_acknowledgedWritesSurviveSigkill() throws Exception {
        killMidLoadAndCheck(Map.of());
    }

    @Test
    void postgres_acknowledgedWritesSurviveSigkill() throws Exception {
        TestDatabases.PostgresDatabase postgres = TestDatabases.freshPostgres();
        try {
            killMidLoadAndCheck(Map.of("SWITCHBOARD_DB_URL", postgres.url(), "SWITCHBOARD_DB_USER", postgres.user()));
        } finally {
            TestDatabases.dropPostgres(postgres);
        }
    }

    private void killMidLoadAndCheck(Map<String, String> env) throws Exception {
        ServerProcess first = ServerProcess.start(data, env);
        String admin = first.must(
                        "POST", "/v1/tenants", ServerProcess.ADMIN_TOKEN, "{\"id\": \"acme\", \"name\": \"Acme\"}")
                .json()
                .get("admin_key")
                .asText();
        String agent = key(first, admin, "agent", "bot-1");
        String operator = key(first, admin, "operator", "operator-1");

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; running.get(); i++) {
                    attempts.incrementAndGet();
                    try {
                        ServerProcess.Answer created = first.call("POST", "/v1/escalations", agent, body(writer, i));
                        if (created.status() != 201) {
                            continue;
                        }
                        String id = created.json().get("id").asText();
                        acknowledged.put(id, "pending");
                        if (i % 2 == 0) {
                            ServerProcess.Answer resolved = first.call(
                                    "POST",
                                    "/v1/escalations/" + id + "/resolve",
                                    operator,
                                    "{\"action_taken\": \"approved\"}");
                            if (resolved.status() == 200) {
                                acknowledged.put(id, "resolved");
                            }
                        }
                    } catch (IOException e) {
                        return; // the server is gone
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        Thread.sleep(LOAD.toMillis());
        first.process().destroyForcibly(); // SIGKILL
        first.process().waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(30));
        }
        assertThat(acknowledged).as("packets acknowledged before the kill").hasSizeGreaterThan(20);

        try (ServerProcess second = ServerProcess.start(data, env)) {
            List<String> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
                ServerProcess.Answer read = second.must("GET", "/v1/escalations/" + entry.getKey(), operator, null);
                if (read.status() != 200) {
                    missing.add(entry.getKey());
                } else if (entry.getValue().equals("resolved")
                        && !read.json().get("status").asText().equals("resolved")) {
                    wrong.add(entry.getKey());
                }
            }
            assertThat(missing).as("acknowledged packets lost").isEmpty();
            assertThat(wrong).as("acknowledged resolutions lost").isEmpty();
            JsonNode stats = second.must("GET", "/v1/stats", admin, null).json();
            assertThat(stats.get("total").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    private static String body(int writer, int i) {
        return "{\"title\": \"طلب رقم " + i + "\", \"entity_type\": \"order\", \"entity_id\": \"W" + writer + "-" + i
                + "\", \"reason\": \"missing_data\", \"priority\": \"medium\"}";
    }

    private static String key(ServerProcess node, String admin, String role, String name) {
        return node.must("POST", "/v1/api-keys", admin, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}")
                .json()
                .get("key")
                .asText();
    }
}
