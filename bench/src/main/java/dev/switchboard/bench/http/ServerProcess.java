package dev.switchboard.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server jar run as its own process ({@code java <flags> -jar switchboard.jar serve --port P --data D}) by the JDK
 * that runs the bench, on a free port of the loopback interface, its output in a log file. The environment is the
 * bench's without any {@code SWITCHBOARD_*} variable, plus the given ones. Closing it stops the server as Ctrl-C would
 * (SIGTERM), then kills it if it has not exited within 15 s.
 */
final class ServerProcess implements AutoCloseable {
    static final Path DEFAULT_JAR = Path.of("server/target/switchboard.jar");
    static final String BUILD_HINT = "build it with ./mvnw -B -pl server -am package -DskipTests";
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path log;
    private final long launchedNanos;

    private ServerProcess(Process process, int port, Path log, long launchedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.launchedNanos = launchedNanos;
    }

    /** The jar, or a clear failure when it has not been built. */
    static Path requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " does not exist: " + BUILD_HINT);
        }
        return jar;
    }

    /** The {@code java} executable of this JVM. */
    static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Launches the server; {@code log} receives its standard output and error. */
    static ServerProcess start(Path jar, List<String> jvmFlags, Map<String, String> env, Path data, Path log)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmFlags);
        command.addAll(
                List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port), "--data", data.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().put("SWITCHBOARD_HOST", "127.0.0.1");
        builder.environment().putAll(env);
        long launched = System.nanoTime();
        return new ServerProcess(Children.track(builder.start()), port, log, launched);
    }

    /** Waits for the first 200 of {@code GET /health/ready}; the time from launch to it. */
    Duration awaitReady(Duration patience) throws InterruptedException {
        long deadline = launchedNanos + patience.toNanos();
        while (!ReadyProbe.ready(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with status " + process.exitValue() + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server was not ready after " + patience + ":\n" + logTail());
            }
            Thread.sleep(POLL);
        }
        return Duration.ofNanos(System.nanoTime() - launchedNanos);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The last lines of the server's output, to show when something went wrong. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no server output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
        Children.untrack(process);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
