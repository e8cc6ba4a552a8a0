package dev.switchboard.store;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Queues SQLite's transactions in the process, first come first served, before they reach SQLite. SQLite admits one
 * writer at a time (every transaction here begins IMMEDIATE, so takes that lock at once), and its own way of waiting —
 * a busy handler that sleeps and retries — lets a waiter starve under steady load: the webhook dispatcher's stream of
 * small transactions and API writes then failed with {@code SQLITE_BUSY} after the 10 s busy timeout. A fair lock
 * in front makes the wait an orderly queue. The store's writes all run in transactions for that reason.
 */
final class SerializedTransactions extends DelegatingTransactionHandler {
    private final ReentrantLock turn = new ReentrantLock(true);

    SerializedTransactions(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        turn.lock();
        try {
            return super.inTransaction(handle, callback);
        } finally {
            turn.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        turn.lock();
        try {
            return super.inTransaction(handle, level, callback);
        } finally {
            turn.unlock();
        }
    }
}
