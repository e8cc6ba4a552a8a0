package dev.switchboard.bench.lifecycle;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database of one peer (or of one part of the event bench), dropped and created empty for each run, and
 * the one pool setting every peer gets. The server is the local one unless {@code -Dbench.pg.url} (an admin database
 * URL) and {@code -Dbench.pg.user} say otherwise.
 */
public record BenchDatabase(String name, String url, String user) {
    static final String ADMIN_URL = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("bench.pg.user", "postgres");
    /** The pool size of every peer: the size of Switchboard's own PostgreSQL pool. */
    static final int POOL_SIZE = 16;

    public static BenchDatabase fresh(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, null);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return new BenchDatabase(name, ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name, USER);
    }

    HikariDataSource pool(String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(POOL_SIZE);
        return new HikariDataSource(config);
    }

    /** The server's durability settings, printed with the results. */
    public static String durability() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, null);
                Statement statement = admin.createStatement()) {
            StringBuilder text = new StringBuilder();
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "wal_sync_method"}) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    rs.next();
                    text.append(text.isEmpty() ? "" : ", ")
                            .append(setting)
                            .append('=')
                            .append(rs.getString(1));
                }
            }
            return text.toString();
        }
    }

    /**
     * Gathers the planner's statistics. Run after the warmup for every peer alike: a database created seconds ago has
     * none until autovacuum's first pass, and without them PostgreSQL may pick any index that covers a lookup.
     */
    void analyze() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, null);
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, null);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
