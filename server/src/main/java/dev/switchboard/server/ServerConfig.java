package dev.switchboard.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's settings, from command-line options and environment variables, validated once and then fixed.
 *
 * @param databaseUrl PostgreSQL JDBC URL; null for the embedded SQLite store in {@code dataDir}
 * @param slaSweepSeconds how often this node expires overdue escalations; 0: never (other nodes do)
 * @param webhookAllowPrivate whether webhooks may target loopback, private and link-local addresses (SSRF guard off)
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String adminToken,
        long maxBodyBytes,
        double rateLimitPerSecond,
        double rateLimitBurst,
        int decisionLogCapacity,
        double slaSweepSeconds,
        boolean webhookAllowPrivate) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("switchboard-data");
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final double DEFAULT_RATE_LIMIT = 1000;
    public static final int DEFAULT_DECISION_LOG_CAPACITY = 20_000;
    public static final double DEFAULT_SLA_SWEEP_SECONDS = 1;

    public ServerConfig {
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65_535) {
            problems.add("port must be 0..65535, is " + port);
        }
        if (maxBodyBytes < 1024) {
            problems.add("SWITCHBOARD_MAX_BODY_BYTES must be at least 1024, is " + maxBodyBytes);
        }
        if (!(rateLimitPerSecond > 0) || !(rateLimitBurst >= 1)) {
            problems.add("SWITCHBOARD_RATE_LIMIT must be > 0 and SWITCHBOARD_RATE_BURST >= 1, are " + rateLimitPerSecond
                    + " and " + rateLimitBurst);
        }
        if (decisionLogCapacity < 1) {
            problems.add("SWITCHBOARD_DECISION_LOG_CAPACITY must be at least 1, is " + decisionLogCapacity);
        }
        if (!(slaSweepSeconds >= 0 && slaSweepSeconds <= 3_600)) {
            problems.add("SWITCHBOARD_SLA_SWEEP_SECONDS must be 0 (off) to 3600, is " + slaSweepSeconds);
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:")) {
            problems.add("SWITCHBOARD_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), is "
                    + databaseUrl);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Settings from the environment, with port and data folder from the command line. */
    public static ServerConfig from(Map<String, String> env, int port, Path dataDir) {
        double rate = number(env, "SWITCHBOARD_RATE_LIMIT", DEFAULT_RATE_LIMIT);
        return new ServerConfig(
                env.getOrDefault("SWITCHBOARD_HOST", DEFAULT_HOST),
                port,
                dataDir,
                blankToNull(env.get("SWITCHBOARD_DB_URL")),
                blankToNull(env.get("SWITCHBOARD_DB_USER")),
                blankToNull(env.get("SWITCHBOARD_DB_PASSWORD")),
                blankToNull(env.get("SWITCHBOARD_ADMIN_TOKEN")),
                (long) number(env, "SWITCHBOARD_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
                rate,
                number(env, "SWITCHBOARD_RATE_BURST", rate * 2),
                (int) number(env, "SWITCHBOARD_DECISION_LOG_CAPACITY", DEFAULT_DECISION_LOG_CAPACITY),
                number(env, "SWITCHBOARD_SLA_SWEEP_SECONDS", DEFAULT_SLA_SWEEP_SECONDS),
                bool(env, "SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE"));
    }

    private static boolean bool(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, is " + value);
    }

    private static double number(Map<String, String> env, String name, double defaultValue) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, is " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The configured database: PostgreSQL when a URL is set, else SQLite in the data folder. */
    public dev.switchboard.store.Database openDatabase() {
        return databaseUrl == null
                ? dev.switchboard.store.Database.sqlite(dataDir)
                : dev.switchboard.store.Database.postgres(databaseUrl, databaseUser, databasePassword);
    }
}
