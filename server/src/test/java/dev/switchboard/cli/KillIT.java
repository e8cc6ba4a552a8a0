package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §5: an acknowledged write survives {@code kill -9}. The server runs as its own process; writers create and
 * resolve escalations as fast as it answers; the process is killed with SIGKILL mid-load and restarted on the same
 * data, and every packet it acknowledged ({@code 2xx}) must be there, in the state it acknowledged. On SQLite and on
 * PostgreSQL.
 */
class KillIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITERS = 8;
    private static final Duration LOAD = Duration.ofSeconds(3);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        Process first = start(env);
        int port = portOf(first);
        String admin = call(port, "POST", "/v1/tenants", "admin-secret", "{\"id\": \"acme\", \"name\": \"Acme\"}")
                .json()
                .get("admin_key")
                .asText();
        String agent = key(port, admin, "agent", "bot-1");
        String operator = key(port, admin, "operator", "operator-1");

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
                        Answer created = call(port, "POST", "/v1/escalations", agent, body(writer, i));
                        if (created.status() != 201) {
                            continue;
                        }
                        String id = created.json().get("id").asText();
                        acknowledged.put(id, "pending");
                        if (i % 2 == 0) {
                            Answer resolved = call(
                                    port,
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
        first.destroyForcibly(); // SIGKILL
        first.waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(30));
        }
        assertThat(acknowledged).as("packets acknowledged before the kill").hasSizeGreaterThan(20);

        Process second = start(env);
        try {
            int again = portOf(second);
            List<String> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
                Answer read = call(again, "GET", "/v1/escalations/" + entry.getKey(), operator, null);
                if (read.status() != 200) {
                    missing.add(entry.getKey());
                } else if (entry.getValue().equals("resolved")
                        && !read.json().get("status").asText().equals("resolved")) {
                    wrong.add(entry.getKey());
                }
            }
            assertThat(missing).as("acknowledged packets lost").isEmpty();
            assertThat(wrong).as("acknowledged resolutions lost").isEmpty();
            JsonNode stats = call(again, "GET", "/v1/stats", admin, null).json();
            assertThat(stats.get("total").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String body(int writer, int i) {
        return "{\"title\": \"طلب رقم " + i + "\", \"entity_type\": \"order\", \"entity_id\": \"W" + writer + "-" + i
                + "\", \"reason\": \"missing_data\", \"priority\": \"medium\"}";
    }

    private String key(int port, String admin, String role, String name) throws Exception {
        return call(port, "POST", "/v1/api-keys", admin, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}")
                .json()
                .get("key")
                .asText();
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./switchboard", "serve", "--port", "0", "--data", data.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_ADMIN_TOKEN", "admin-secret");
        builder.environment().put("SWITCHBOARD_HOST", "127.0.0.1");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Reads the server's output until it says which port it listens on, then keeps draining it. */
    private static int portOf(Process process) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = PORT.matcher(line);
            if (matcher.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the server exited without listening:\n" + seen);
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    private Answer call(int port, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
