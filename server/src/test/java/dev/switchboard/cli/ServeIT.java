package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./switchboard serve} as an operator runs it: it starts, serves, stops gracefully on SIGTERM (flushing the
 * decision log), and a restart on the same data folder finds everything again.
 */
class ServeIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void serve_stopsGracefullyOnSigterm_andRestartsOnItsData() throws Exception {
        Process first = start();
        int port = portOf(first);
        String admin = send(port, "POST", "/v1/tenants", "admin-secret", "{\"id\": \"acme\", \"name\": \"Acme\"}")
                .get("admin_key")
                .asText();
        String agent = send(port, "POST", "/v1/api-keys", admin, "{\"role\": \"agent\", \"name\": \"bot-1\"}")
                .get("key")
                .asText();
        for (int i = 0; i < 5; i++) {
            send(port, "POST", "/v1/route", agent, "{\"message\": \"转人工 " + i + "\", \"session_id\": \"s-1\"}");
        }

        first.destroy();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Process second = start();
        try {
            int again = portOf(second);
            String supervisor = send(
                            again, "POST", "/v1/api-keys", admin, "{\"role\": \"supervisor\", \"name\": \"sup\"}")
                    .get("key")
                    .asText();
            JsonNode decisions = send(again, "GET", "/v1/decisions", supervisor, null);
            JsonNode routed = send(again, "POST", "/v1/route", agent, "{\"message\": \"hi\", \"session_id\": \"s-1\"}");

            assertThat(decisions.get("items")).hasSize(5);
            assertThat(routed.get("decided_by").asText()).isEqualTo("session_mode");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("./switchboard", "serve", "--port", "0", "--data", data.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_ADMIN_TOKEN", "admin-secret");
        builder.environment().put("SWITCHBOARD_HOST", "127.0.0.1");
        return builder.start();
    }

    /** Reads the server's output until it says which port it listens on. */
    private static int portOf(Process process) throws Exception {
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

    /** Keeps reading the server's output so that it never blocks on a full pipe; ends with the process. */
    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (java.io.IOException e) {
            // the process is gone
        }
    }

    private JsonNode send(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
