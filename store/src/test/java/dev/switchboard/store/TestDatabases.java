package dev.switchboard.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: SQLite in a folder, or a fresh PostgreSQL database on the local server (127.0.0.1:5432,
 * user {@code postgres}; override with {@code SWITCHBOARD_TEST_PG_URL} and {@code SWITCHBOARD_TEST_PG_USER}). When
 * PostgreSQL is unreachable its tests are skipped — except under {@code CI=true}, where they fail.
 */
public final class TestDatabases {
    private static final String ADMIN_URL =
            System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");

    private TestDatabases() {}

    public static Database sqlite(Path folder) {
        Database database = Database.sqlite(folder);
        database.migrate();
        return database;
    }

    /** A migrated database of its own on the PostgreSQL server; dropped again by {@link #dropPostgres}. */
    public static PostgresDatabase freshPostgres() {
        PostgresDatabase postgres = emptyPostgres();
        postgres.database().migrate();
        return postgres;
    }

    /** A database of its own on the PostgreSQL server, without Switchboard's schema; see {@link #freshPostgres}. */
    public static PostgresDatabase emptyPostgres() {
        String name = "sb_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = connectAdmin();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required in CI but unreachable at " + ADMIN_URL, e);
            }
            Assumptions.abort("PostgreSQL unreachable at " + ADMIN_URL + ": " + e.getMessage());
        }
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
        return new PostgresDatabase(Database.postgres(url, USER, null), name, url);
    }

    /** A test database on the PostgreSQL server, with what is needed to reach and drop it. */
    public record PostgresDatabase(Database database, String name, String url) {
        public String user() {
            return USER;
        }
    }

    public static void dropPostgres(PostgresDatabase postgres) {
        postgres.database().close();
        try (Connection admin = connectAdmin();
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + postgres.name() + " ALLOW_CONNECTIONS true");
            statement.execute("DROP DATABASE IF EXISTS " + postgres.name() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + postgres.name(), e);
        }
    }

    private static Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, USER, null);
    }
}
