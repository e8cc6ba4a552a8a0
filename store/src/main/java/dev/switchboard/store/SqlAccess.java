package dev.switchboard.store;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The stores' way to the database: Jdbi handles for reads, transactions for writes.
 *
 * <p>On SQLite, write transactions queue in the process, first come first served, before they take a pooled
 * connection. SQLite admits one writer at a time (every transaction here begins IMMEDIATE, so takes that lock at once),
 * and its own way of waiting — a busy handler that sleeps and retries — lets a waiter starve under steady load: the
 * webhook dispatcher's stream of small transactions and API writes then failed with {@code SQLITE_BUSY} after the
 * 10 s busy timeout. A fair lock in front makes the wait an orderly queue; taking it before the connection keeps the
 * queued writers from holding the pool's connections while they wait, which under routing load left reads (API key
 * and policy lookups) waiting seconds for a connection. The stores' writes all run in transactions for that reason.
 * Thread-safe.
 */
final class SqlAccess {
    private final Jdbi jdbi;
    /** SQLite's writers in turn; null on PostgreSQL, whose row locks let writers run side by side. */
    private final ReentrantLock writerTurn;

    SqlAccess(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.writerTurn = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        if (writerTurn == null) {
            return jdbi.inTransaction(callback);
        }
        writerTurn.lock();
        try {
            return jdbi.inTransaction(callback);
        } finally {
            writerTurn.unlock();
        }
    }

    <X extends Exception> void useTransaction(HandleConsumer<X> consumer) throws X {
        inTransaction(handle -> {
            consumer.useHandle(handle);
            return null;
        });
    }
}
