package dev.switchboard.cli;

import dev.switchboard.server.ServerConfig;
import dev.switchboard.store.Database;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Brings the configured database's schema up to date without starting the server. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Run the schema migrations against the configured database: PostgreSQL when SWITCHBOARD_DB_URL"
                + " is set (with SWITCHBOARD_DB_USER and SWITCHBOARD_DB_PASSWORD), else the embedded SQLite store.")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            defaultValue = "switchboard-data",
            description = "Folder of the embedded store" + " (default: ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = ServerConfig.from(System.getenv(), ServerConfig.DEFAULT_PORT, data);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("switchboard migrate: " + e.getMessage());
            return FailureHandler.USAGE;
        }
        try (Database database = config.openDatabase()) {
            database.migrate();
            spec.commandLine()
                    .getOut()
                    .println("Schema up to date (" + database.dialect().name().toLowerCase(java.util.Locale.ROOT)
                            + ").");
        }
        return 0;
    }
}
