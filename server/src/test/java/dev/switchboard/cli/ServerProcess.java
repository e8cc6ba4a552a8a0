package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Switchboard server in a process of its own, started by the launcher as an operator would ({@code ./switchboard
 * serve --port 0}), with a small HTTP client. Thread-safe.
 */
final class ServerProcess implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_TOKEN = "admin-secret";
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server with data in {@code data} and the settings in {@code env}; returns once it listens. */
    static ServerProcess start(Path data, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./switchboard", "serve", "--port", "0", "--data", data.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("SWITCHBOARD_HOST", "127.0.0.1");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            return new ServerProcess(process, portOf(process));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
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
                Thread.ofVirtual().start(() -> {
                    try {
                        out.lines().forEach(l -> {});
                    } catch (UncheckedIOException closed) {
                        // the process is gone
                    }
                });
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the server exited without listening:\n" + seen);
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Process process() {
        return process;
    }

    /** An answer. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    /** Sends a request with a bearer token and a JSON body (null: none); IOException when the server is gone. */
    Answer call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** {@link #call} for setup steps, where the server must be there. */
    Answer must(String method, String path, String token, String body) {
        try {
            return call(method, path, token, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server as an operator would (SIGTERM), waiting for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
