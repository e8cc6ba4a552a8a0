package dev.switchboard.bench.http;

import dev.switchboard.decisionlog.DecisionLog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code wrk} ({@value #BINARY}, Debian package {@code wrk}) run as a process for one window, with a script from
 * {@link WrkScript}. Each run also measures the CPU time the server process and {@code wrk} used in it.
 */
final class Wrk {
    static final String BINARY = "/usr/bin/wrk";
    /** wrk's own default; a response slower than this counts as a timeout error. */
    static final int TIMEOUT_SECONDS = 2;

    private final int connections;
    private final int threads;
    private final Path folder;

    Wrk(int connections, int threads, Path folder) {
        this.connections = connections;
        this.threads = threads;
        this.folder = folder;
    }

    /**
     * What one run measured: {@code wrk}'s summary and the CPU seconds of the server, of its decision log's writer
     * thread (part of the server's) and of {@code wrk}.
     */
    record Run(WrkSummary summary, double serverCpuSeconds, double decisionLogCpuSeconds, double wrkCpuSeconds) {}

    /** {@code wrk} itself, or a clear failure when it is not installed. */
    static Path require() {
        Path wrk = Path.of(BINARY);
        if (!Files.isExecutable(wrk)) {
            throw new IllegalStateException(BINARY + " not found: apt-get install wrk");
        }
        return wrk;
    }

    /** The first line of {@code wrk -v}, e.g. "wrk debian/4.1.0-3+b2 [epoll] …". */
    static String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(require().toString(), "-v")
                .redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String first = text.lines().findFirst().orElse("wrk");
        int copyright = first.indexOf(" Copyright");
        return (copyright < 0 ? first : first.substring(0, copyright)).strip();
    }

    /** Runs {@code script} against {@code url} for {@code seconds} (whole seconds, as {@code wrk} takes them). */
    Run run(URI url, Path script, int seconds, long serverPid) throws IOException, InterruptedException {
        Path output = Files.createTempFile(folder, "wrk-", ".out");
        List<String> command = List.of(
                require().toString(),
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                TIMEOUT_SECONDS + "s",
                "-s",
                script.toString(),
                url.toString());
        double serverBefore = ProcFs.cpuSeconds(serverPid);
        double logBefore = ProcFs.threadCpuSeconds(serverPid, DecisionLog.WRITER_THREAD);
        double wrkBefore = ProcFs.reapedChildrenCpuSeconds();
        Process process = Children.track(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start());
        try {
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not end: " + Files.readString(output));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor();
            Children.untrack(process);
        }
        double serverCpu = ProcFs.cpuSeconds(serverPid) - serverBefore;
        double logCpu = ProcFs.threadCpuSeconds(serverPid, DecisionLog.WRITER_THREAD) - logBefore;
        double wrkCpu = ProcFs.reapedChildrenCpuSeconds() - wrkBefore;
        String text = Files.readString(output);
        Files.delete(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wrk exited with status " + process.exitValue() + ":\n" + text);
        }
        return new Run(WrkSummary.parse(text), serverCpu, logCpu, wrkCpu);
    }
}
