package dev.switchboard.bench.lifecycle;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's commit ceiling, measured by {@code pgbench} run as a separate process: on a database of its own with one
 * table, each transaction one single-row {@code INSERT}, so one durable commit, under the server's own durability
 * settings. Host, port and user come from the settings {@link BenchDatabase} uses. Not thread-safe.
 */
final class Pgbench implements AutoCloseable {
    static final String NAME = "pgbench";
    static final String DATABASE = "sb_bench_pgbench";
    static final String SCHEMA = "CREATE TABLE commits (id bigserial PRIMARY KEY, client integer NOT NULL)";
    static final String SCRIPT = "INSERT INTO commits (client) VALUES (:client_id);\n";
    private static final String COUNT = "SELECT COUNT(*) FROM commits";
    private static final int DEFAULT_PORT = 5432;

    private final Path binary;
    private final BenchDatabase database;
    private final Endpoint endpoint;
    private final Path script;

    Pgbench(Path binary, BenchDatabase database, Path script) {
        this.binary = binary;
        this.database = database;
        this.endpoint = Endpoint.of(database.url());
        this.script = script;
    }

    /** A fresh database with the one table, and the script in a temporary file. */
    static Pgbench prepare(Path binary) throws SQLException, IOException {
        BenchDatabase database = BenchDatabase.fresh(DATABASE);
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), null);
                Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        }
        Path script = Files.createTempFile("sb-bench-commit-", ".sql");
        Files.writeString(script, SCRIPT);
        return new Pgbench(binary, database, script);
    }

    /**
     * The {@code pgbench} binary on the {@code PATH} (or {@code -Dbench.pgbench}).
     *
     * @throws IllegalStateException when there is none, saying how to install it
     */
    static Path locate() {
        String configured = System.getProperty("bench.pgbench");
        if (configured != null) {
            return executable(Path.of(configured)).orElseThrow(() -> missing(configured));
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Optional<Path> found = executable(Path.of(directory, NAME));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw missing(NAME + " on the PATH");
    }

    private static Optional<Path> executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException("no " + what + ": the commit ceiling needs pgbench"
                + " (apt-get install postgresql-client), or run with --no-pgbench");
    }

    /** A warmup run (skipped when {@code warmup} is zero), then the measured one, checked against the table. */
    Ceiling measure(int clients, Duration warmup, Duration length)
            throws IOException, InterruptedException, SQLException {
        if (!warmup.isZero()) {
            run(clients, warmup);
        }
        long before = database.count(COUNT);
        CpuUsage cpu = CpuUsage.start();
        String output = run(clients, length);
        Ceiling ceiling = Ceiling.parse(clients, output, cpu.busyFraction());
        long inserted = database.count(COUNT) - before;
        if (inserted < ceiling.transactions()) {
            throw new IllegalStateException(NAME + " reported " + ceiling.transactions()
                    + " transactions but its table holds " + inserted + " new rows");
        }
        return ceiling;
    }

    private String run(int clients, Duration length) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(clients, length))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(NAME + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    /** {@code pgbench -n -c N -j min(N, CPUs) -T seconds -f script}, connecting as {@link BenchDatabase} does. */
    List<String> command(int clients, Duration length) {
        int jobs = Math.min(clients, Runtime.getRuntime().availableProcessors());
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-n"));
        command.addAll(List.of("-c", Integer.toString(clients), "-j", Integer.toString(jobs)));
        command.addAll(List.of("-T", Long.toString(length.toSeconds()), "-f", script.toString()));
        command.addAll(List.of("-h", endpoint.host(), "-p", Integer.toString(endpoint.port())));
        command.addAll(List.of("-U", database.user(), database.name()));
        return command;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(script);
    }

    /** Where a PostgreSQL JDBC URL points; the driver's defaults (localhost, 5432) where it names no host or port. */
    record Endpoint(String host, int port) {
        private static final String PREFIX = "jdbc:postgresql:";

        static Endpoint of(String jdbcUrl) {
            if (!jdbcUrl.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            if (uri.isOpaque() || uri.getRawAuthority() == null) {
                return new Endpoint("localhost", DEFAULT_PORT);
            }
            String host = uri.getHost();
            if (host == null) {
                throw new IllegalArgumentException("one host expected in " + jdbcUrl);
            }
            host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return new Endpoint(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
        }
    }
}
