package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A pooled connection to Switchboard's database and its dialect.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL} (an acknowledged write survives power loss), a busy
 * timeout, and {@code BEGIN IMMEDIATE} transactions, so concurrent writers queue instead of failing on a read lock
 * they cannot upgrade. Thread-safe.
 */
public final class Database implements AutoCloseable {
    public static final String SQLITE_FILE = "switchboard.db";
    static final int SQLITE_POOL_SIZE = 8;
    static final int POSTGRES_POOL_SIZE = 16;
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final SqlAccess sql;
    /** SQLite's sessions in memory (this process is its only writer); null on PostgreSQL. */
    private final SessionCache sessionCache;

    private Database(Dialect dialect, HikariDataSource dataSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.sql = new SqlAccess(Jdbi.create(dataSource), dialect);
        this.sessionCache = dialect == Dialect.SQLITE ? new SessionCache() : null;
    }

    /** The embedded store in {@code dataDir} (created if missing). */
    public static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data folder " + dataDir, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath());
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-sqlite");
        // A data source rather than a JDBC URL: loading SQLite's native library waits for the first connection.
        config.setDataSource(source);
        config.setMaximumPoolSize(SQLITE_POOL_SIZE);
        config.setMinimumIdle(1);
        // Open no connection here: the first one (and loading SQLite's native library) happens in migrate(), which
        // the server runs while it starts its HTTP side.
        config.setInitializationFailTimeout(-1);
        return new Database(Dialect.SQLITE, new HikariDataSource(config));
    }

    /** A PostgreSQL database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/switchboard}. */
    public static Database postgres(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-postgres");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        config.setMinimumIdle(2);
        config.setInitializationFailTimeout(-1);
        // Fail a request with 503 soon when the database is away, rather than hold it for Hikari's default 30 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        return new Database(Dialect.POSTGRESQL, new HikariDataSource(config));
    }

    /** Brings the schema up to date (numbered migrations of this dialect). */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + dialect.migrations())
                .loggers("slf4j")
                .load()
                .migrate();
    }

    /** Whether the database answers a trivial query within a second. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A connection of its own, outside the pool, for a session that must stay open (e.g. one that LISTENs); the
     * caller closes it. PostgreSQL only.
     */
    Connection openDedicated(String applicationName) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            throw new IllegalStateException("dedicated connections are for PostgreSQL");
        }
        java.util.Properties properties = new java.util.Properties();
        if (dataSource.getUsername() != null) {
            properties.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            properties.setProperty("password", dataSource.getPassword());
        }
        properties.setProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT.toSeconds()));
        properties.setProperty("ApplicationName", applicationName);
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    SqlAccess sql() {
        return sql;
    }

    SessionCache sessionCache() {
        return sessionCache;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
