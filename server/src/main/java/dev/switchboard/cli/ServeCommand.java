package dev.switchboard.cli;

import dev.switchboard.server.ServerConfig;
import dev.switchboard.server.Switchboard;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the HTTP server until stopped (Ctrl-C or SIGTERM stop it gracefully). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the Switchboard server: the HTTP API on the embedded SQLite store, or on PostgreSQL when"
                + " SWITCHBOARD_DB_URL is set.",
        footer = {
            "",
            "Environment: SWITCHBOARD_DB_URL, SWITCHBOARD_DB_USER, SWITCHBOARD_DB_PASSWORD (PostgreSQL),",
            "SWITCHBOARD_ADMIN_TOKEN (creates tenants), SWITCHBOARD_HOST (0.0.0.0), SWITCHBOARD_MAX_BODY_BYTES (262144),",
            "SWITCHBOARD_RATE_LIMIT (per key per second, 1000), SWITCHBOARD_RATE_BURST (2 x rate),",
            "SWITCHBOARD_DECISION_LOG_CAPACITY (20000)."
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks one).")
    int port;

    @Option(
            names = "--data",
            defaultValue = "switchboard-data",
            description = "Folder of the embedded store" + " (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--demo", description = "Create a demo tenant and print a key per role and curl lines to try.")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            config = ServerConfig.from(System.getenv(), port, data);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("switchboard serve: " + e.getMessage());
            return FailureHandler.USAGE;
        }
        Switchboard server = Switchboard.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "switchboard-shutdown"));
        if (demo) {
            server.printDemo(spec.commandLine().getOut());
        } else {
            spec.commandLine()
                    .getOut()
                    .println("Switchboard is listening on port " + server.port() + ". Stop with Ctrl-C.");
            spec.commandLine().getOut().flush();
        }
        stopped.await();
        return 0;
    }
}
