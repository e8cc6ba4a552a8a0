package dev.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SQL statement kept prepared on each pooled connection that ran it, for reads on the request path: SQLite's
 * driver parses the SQL and reads its column names again for every {@code prepareStatement}, which costs more than
 * looking a row up. A connection is used by one thread at a time (it is checked out of the pool), and so is its
 * statement. Statements of closed connections (the pool retires connections) are dropped when the next one is
 * prepared. Thread-safe.
 */
final class StatementCache {
    private final String sql;
    private final Map<Connection, PreparedStatement> statements = new ConcurrentHashMap<>();

    StatementCache(String sql) {
        this.sql = sql;
    }

    /** The statement on {@code pooled}'s physical connection; the caller must not close it. */
    PreparedStatement on(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        PreparedStatement statement = statements.get(physical);
        if (statement != null && !statement.isClosed()) {
            return statement;
        }
        statements.entrySet().removeIf(e -> isClosed(e.getKey()));
        statement = physical.prepareStatement(sql);
        statements.put(physical, statement);
        return statement;
    }

    int size() {
        return statements.size();
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
