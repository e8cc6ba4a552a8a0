package dev.switchboard.store;

import dev.switchboard.session.Session;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The embedded store's sessions as last read, in memory, so that routing a message of a known conversation needs no
 * read of SQLite. It is exact because this process is the embedded database's only writer: every store that changes
 * a session row calls {@link #forget} once its transaction has committed. A read that may have raced with such a
 * change is returned but not kept: each forget bumps a generation, and a loaded value is stored only if the
 * generation is still the one seen before the load, checked under the entry's lock so that a forget cannot slip in
 * between the check and the store. Not for PostgreSQL, where other nodes write too. Thread-safe.
 */
final class SessionCache {
    /** Beyond this many sessions the cache starts over: bounded memory, and active conversations come back first. */
    static final int CAPACITY = 100_000;

    private record Key(String tenantId, String sessionId) {}

    private final ConcurrentHashMap<Key, Optional<Session>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** The session as stored (empty: none), from memory or else from {@code load}. */
    Optional<Session> find(String tenantId, String sessionId, Supplier<Optional<Session>> load) {
        Key key = new Key(tenantId, sessionId);
        Optional<Session> known = entries.get(key);
        if (known != null) {
            return known;
        }
        long seen = generation.get();
        Optional<Session> loaded = load.get();
        if (entries.size() >= CAPACITY) {
            entries.clear();
        }
        entries.compute(key, (k, current) -> current != null || generation.get() != seen ? current : loaded);
        return loaded;
    }

    /** Called after a transaction that may have changed the session's row committed. */
    void forget(String tenantId, String sessionId) {
        generation.incrementAndGet();
        entries.remove(new Key(tenantId, sessionId));
    }

    /**
     * Called after a transaction that may have stored the session, if it was not stored yet, committed: nothing to
     * forget when the session is known to be stored already.
     */
    void forgetUnlessStored(String tenantId, String sessionId) {
        Optional<Session> known = entries.get(new Key(tenantId, sessionId));
        if (known == null || known.isEmpty()) {
            forget(tenantId, sessionId);
        }
    }

    /** Whether the session is known to be stored (a stored row is never deleted, so this stays true). */
    boolean isStored(String tenantId, String sessionId) {
        Optional<Session> known = entries.get(new Key(tenantId, sessionId));
        return known != null && known.isPresent();
    }

    int size() {
        return entries.size();
    }
}
