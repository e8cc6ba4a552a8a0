package dev.switchboard.bench.queue;

import dev.switchboard.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * A database holding {@link #OPEN_PACKETS} open escalations of one tenant (and {@link #OTHER_PACKETS} of another),
 * written by the database itself in one statement: priorities 10 % critical, 20 % high, 40 % medium, 30 % low; half
 * pending, half claimed by one of 50 operators (independently of priority); created over 30 days. The tenant also has
 * {@link #RESOLVED_PACKETS} resolved packets created over the same days, so that the statistics have resolution times
 * to aggregate: 30 % resolved within 15 minutes, 30 % within the hour, 20 % within 4 hours (their SLA), 10 % within a
 * day, 10 % within 5 days. Built once and reused by later runs (the PostgreSQL database {@code sb_bench_queue}, or the
 * SQLite file in {@code bench/target/queue-sqlite}); a database whose counts differ is filled again.
 */
final class QueueFixture {
    static final String TENANT = "bench";
    static final String OTHER_TENANT = "bench-other";
    static final int OPEN_PACKETS = 1_000_000;
    static final int OTHER_PACKETS = 100_000;
    static final int RESOLVED_PACKETS = 250_000;
    static final String POSTGRES_DATABASE = "sb_bench_queue";
    static final Path SQLITE_FOLDER = Path.of("bench/target/queue-sqlite");
    private static final String ADMIN_URL =
            System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("bench.pg.user", "postgres");
    /** When the first packet was created; the last one is 30 days later. */
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    /** When the last packet was created: the "now" of the statistics. */
    static final Instant END = START.plus(Duration.ofDays(30));

    private static final long OPEN_SPACING = Duration.ofDays(30).toMillis() / OPEN_PACKETS;
    private static final long RESOLVED_SPACING = Duration.ofDays(30).toMillis() / RESOLVED_PACKETS;
    private static final Duration SLA = Duration.ofHours(4);

    private QueueFixture() {}

    /** The database with the packets in it, migrated, filled if it was not yet. */
    static Database open(String dialect) throws SQLException {
        Database database;
        if (dialect.equals("postgresql")) {
            createPostgresDatabaseIfMissing();
            String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + POSTGRES_DATABASE;
            database = Database.postgres(url, USER, null);
        } else {
            database = Database.sqlite(SQLITE_FOLDER);
        }
        database.migrate();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            if (count(statement, TENANT, "IN ('pending', 'in_progress')") != OPEN_PACKETS
                    || count(statement, TENANT, "= 'resolved'") != RESOLVED_PACKETS) {
                statement.execute("DELETE FROM escalations");
                statement.execute("DELETE FROM tenants WHERE tenant_id IN ('" + TENANT + "', '" + OTHER_TENANT + "')");
                for (String tenant : new String[] {TENANT, OTHER_TENANT}) {
                    statement.execute("INSERT INTO tenants (tenant_id, name, default_locale, timezone, created_at) "
                            + "VALUES ('" + tenant + "', 'Bench', 'en', 'UTC', 0)");
                }
                long started = System.nanoTime();
                statement.execute(fill(dialect, TENANT, OPEN_PACKETS, false));
                statement.execute(fill(dialect, TENANT, RESOLVED_PACKETS, true));
                statement.execute(fill(dialect, OTHER_TENANT, OTHER_PACKETS, false));
                statement.execute(dialect.equals("postgresql") ? "VACUUM ANALYZE escalations" : "ANALYZE");
                System.out.printf(
                        "filled %s with %,d open and %,d resolved packets + %,d open in %d s%n",
                        dialect,
                        OPEN_PACKETS,
                        RESOLVED_PACKETS,
                        OTHER_PACKETS,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        }
        return database;
    }

    private static long count(Statement statement, String tenant, String status) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "SELECT COUNT(*) FROM escalations WHERE tenant_id = '" + tenant + "' AND status " + status)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void createPostgresDatabaseIfMissing() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, null);
                Statement statement = admin.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + POSTGRES_DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + POSTGRES_DATABASE);
        }
    }

    /**
     * One INSERT … SELECT over a generated sequence. Ids are UUIDv7-shaped (creation time first), so id order is
     * creation order like the service's. Resolved packets take their ids and tokens from numbers after the open ones,
     * so both kinds can share a tenant.
     */
    static String fill(String dialect, String tenant, int packets, boolean resolved) {
        boolean postgres = dialect.equals("postgresql");
        String sequence = postgres
                ? "FROM generate_series(1, " + packets + ") AS g(i)"
                : "FROM (WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < " + packets
                        + ") SELECT i FROM g) g";
        String key = resolved ? "(i + " + OPEN_PACKETS + ")" : "i";
        String hex12 = postgres ? "lpad(to_hex(created), 12, '0')" : "printf('%012x', created)";
        String random12 = postgres
                ? "substr(md5(" + key + "::text), 1, 12)"
                : "printf('%012x', (" + key + " * 2654435761) % 281474976710656)";
        String id = "substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3)"
                + " || '-' || substr(r, 7, 6) || substr(r, 1, 6)";
        String token = postgres
                ? "md5(" + key + "::text || 'token') || md5(" + key + "::text)"
                : "printf('tok%020d%s', " + key + ", '" + tenant + "')";
        long dueAt = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
        String operator = "'operator-' || ((i / 10) % 50)";
        String resolvedAt = "created + " + resolutionMillis();
        return "INSERT INTO escalations (tenant_id, escalation_id, status, priority, priority_rank, reason, title,"
                + " entity_type, entity_id, workflow_name, target_role, session_id, assigned_to, confidence, details,"
                + " resume_token, dedup_key, due_at, created_at, created_by, updated_at, resolved_at, breached_at,"
                + " resolution, cancel_reason, resume_state, resume_attempts, resume_error, resume_at, version)"
                + " SELECT '" + tenant + "', " + id + ","
                + (resolved ? " 'resolved'," : " CASE WHEN i % 2 = 0 THEN 'pending' ELSE 'in_progress' END,")
                + " CASE rank WHEN 0 THEN 'critical' WHEN 1 THEN 'high' WHEN 2 THEN 'medium' ELSE 'low' END, rank,"
                + " 'missing_data', 'Order ' || i || ' needs a delivery address', 'order', 'O-' || i, 'delivery',"
                + " 'support', NULL, "
                + (resolved ? operator : "CASE WHEN i % 2 = 1 THEN " + operator + " END") + ", 0.5,"
                + " '{\"title_ar\":\"الطلب يحتاج عنوان التوصيل\",\"failed_step\":\"address\",\"risk_if_delayed\":null,"
                + "\"risk_if_delayed_ar\":null,\"suggested_action\":\"Call the customer\",\"suggested_action_ar\":null,"
                + "\"missing_data\":[\"address\"],\"artifacts\":[{\"type\":\"text\",\"name\":\"note\","
                + "\"content\":\"customer moved\",\"url\":null}],\"rule_ids\":[],\"i18n\":{}}',"
                + " " + token + ", NULL, "
                + (resolved ? "created + " + SLA.toMillis() : dueAt) + ", created, 'bench', "
                + (resolved
                        ? resolvedAt + ", " + resolvedAt + ", NULL, '{\"action_taken\":\"address added\","
                                + "\"notes\":null,\"resolved_by\":\"' || " + operator
                                + " || '\",\"override_data\":null}'"
                        : "created, NULL, NULL, NULL")
                + ", NULL, 'none', 0, NULL, NULL, "
                + (resolved ? "3" : "CASE WHEN i % 2 = 1 THEN 2 ELSE 1 END")
                + " FROM (SELECT i, " + hex12 + " AS h, " + random12 + " AS r, created, rank FROM (SELECT i, "
                + START.toEpochMilli() + " + CAST(i AS BIGINT) * " + (resolved ? RESOLVED_SPACING : OPEN_SPACING)
                + " AS created,"
                + " CASE WHEN i % 10 = 0 THEN 0 WHEN i % 10 < 3 THEN 1 WHEN i % 10 < 7 THEN 2 ELSE 3 END AS rank "
                + sequence + ") t) s";
    }

    /** How long packet {@code i} took to resolve, spread over the statistics' histogram buckets (see the class). */
    private static String resolutionMillis() {
        String spread = "(CAST(i AS BIGINT) * 7919) % ";
        long minute = Duration.ofMinutes(1).toMillis();
        return "CASE WHEN i % 10 < 3 THEN " + minute + " + " + spread + 14 * minute
                + " WHEN i % 10 < 6 THEN " + 15 * minute + " + " + spread + 45 * minute
                + " WHEN i % 10 < 8 THEN " + 60 * minute + " + " + spread + 180 * minute
                + " WHEN i % 10 < 9 THEN " + 240 * minute + " + " + spread + 1_200 * minute
                + " ELSE " + 1_440 * minute + " + " + spread + 4 * 1_440 * minute + " END";
    }
}
