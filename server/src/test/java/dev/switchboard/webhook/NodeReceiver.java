package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A webhook receiver in Node.js that verifies deliveries with the official {@code standardwebhooks} library
 * ({@code src/test/node/receiver.mjs}), so tests prove real subscribers accept our signatures. Needs {@code node}
 * on the PATH and {@code npm ci --prefix server/src/test/node}; without them the test is skipped, or fails when
 * {@code CI=true}. Thread-safe.
 */
public final class NodeReceiver implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private NodeReceiver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a receiver that verifies with {@code secret} and answers 503 to the first {@code failFirst} attempts. */
    public static NodeReceiver start(String secret, int failFirst) {
        Path folder = receiverFolder();
        Path node = nodeExecutable().orElseGet(() -> unavailable("node is not on the PATH"));
        if (!Files.isDirectory(folder.resolve("node_modules/standardwebhooks"))) {
            unavailable("the receiver's dependencies are missing: run npm ci --prefix server/src/test/node");
        }
        ProcessBuilder builder = new ProcessBuilder(node.toString(), "receiver.mjs")
                .directory(folder.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("WEBHOOK_SECRET", secret);
        builder.environment().put("FAIL_FIRST", Integer.toString(failFirst));
        try {
            Process process = builder.start();
            return new NodeReceiver(process, awaitPort(process));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + node + " receiver.mjs", e);
        }
    }

    /** The address of {@code path} on the receiver, e.g. {@code url("/hooks")}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Every POST received since the last {@link #clear()}, in arrival order, as the receiver recorded it. */
    public List<JsonNode> seen() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(url("/seen")).GET());
        try {
            List<JsonNode> records = new ArrayList<>();
            JSON.readTree(response.body()).forEach(records::add);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("receiver answered no JSON: " + response.body(), e);
        }
    }

    /** Forgets the records; the attempt counts per {@code webhook-id} stay. */
    public void clear() {
        send(HttpRequest.newBuilder(url("/seen")).DELETE());
    }

    /** Stops the receiver: closing its stdin ends it, destroying it makes sure. */
    @Override
    public void close() {
        client.close();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(
                    request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("receiver answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads stdout until "listening <port>", then keeps draining it so the receiver never blocks on a full pipe. */
    private static int awaitPort(Process process) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("node-receiver-stdout").start(() -> readStdout(process, port));
        try {
            return port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("node receiver did not start within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void readStdout(Process process, CompletableFuture<Integer> port) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!port.isDone() && line.startsWith("listening ")) {
                    port.complete(Integer.parseInt(
                            line.substring("listening ".length()).trim()));
                }
            }
            port.completeExceptionally(new IllegalStateException("node receiver exited before listening"));
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
    }

    /** Maven runs tests in the module folder; an IDE may run them from the repository root. */
    private static Path receiverFolder() {
        Path inModule = Path.of("src/test/node");
        return Files.isRegularFile(inModule.resolve("receiver.mjs")) ? inModule : Path.of("server/src/test/node");
    }

    private static Optional<Path> nodeExecutable() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> names = File.separatorChar == '\\' ? List.of("node.exe", "node.cmd") : List.of("node");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static <T> T unavailable(String reason) {
        String message = "The Standard Webhooks interop tests need Node.js: " + reason;
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        return Assumptions.abort(message);
    }
}
