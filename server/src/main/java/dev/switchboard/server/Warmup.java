package dev.switchboard.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads the libraries the server is about to need (JSON, HTTP, metrics, the routing's tables) on a second core while the first one opens
 * the database: class loading is most of start-up time, and start to ready should stay under 1.5 s on two cores.
 * Pure class loading and throwaway objects; nothing it does is used afterwards.
 */
final class Warmup {
    private static final List<String> CLASSES = List.of(
            "io.javalin.Javalin",
            "org.eclipse.jetty.server.Server",
            "org.eclipse.jetty.ee10.servlet.ServletContextHandler",
            "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
            "io.micrometer.core.instrument.binder.jvm.JvmGcMetrics",
            "org.flywaydb.core.Flyway",
            // its script table takes about 10 ms to build, which the first routing request would otherwise wait for
            "dev.switchboard.text.ScriptDetector");

    private Warmup() {}

    static void start() {
        Thread.ofPlatform().name("switchboard-warmup").daemon().start(Warmup::run);
    }

    private static void run() {
        try {
            Jdbi.create(() -> {
                throw new SQLException("warm-up only");
            });
            new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(Map.of("warm", List.of(1, 2.5, "x"))));
            Javalin.create(config -> config.startup.showJavalinBanner = false);
            for (String name : CLASSES) {
                Class.forName(name, true, Warmup.class.getClassLoader());
            }
            if (System.getenv("SWITCHBOARD_DB_URL") == null) {
                // The embedded store's first connection would otherwise extract and load SQLite's native library.
                SQLiteJDBCLoader.initialize();
            }
        } catch (Exception | LinkageError e) {
            // nothing to warm; the server loads what it needs itself
        }
    }
}
