package dev.switchboard.store;

import java.sql.SQLException;

/** A statement run with plain JDBC failed; the cause is the driver's exception, as Jdbi would have kept it. */
final class SqlFailure extends RuntimeException {
    SqlFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
