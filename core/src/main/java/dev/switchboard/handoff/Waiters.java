package dev.switchboard.handoff;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the callers waiting for a packet on this node as soon as a change of it commits here. Changes made by other
 * nodes are seen by the waiters' periodic re-read instead. Thread-safe.
 */
final class Waiters {
    private final Map<String, Signal> signals = new ConcurrentHashMap<>();

    /** One wake-up shared by the current waiters of a key; a new one replaces it once it fires. */
    static final class Signal {
        private final CountDownLatch fired = new CountDownLatch(1);
        private int holders;

        /** Waits until fired or the time passes; true when fired. */
        boolean await(long nanos) throws InterruptedException {
            return fired.await(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Joins the waiters of {@code key}; call {@link #leave} when done. */
    Signal join(String key) {
        return signals.compute(key, (k, signal) -> {
            Signal joined = signal == null ? new Signal() : signal;
            joined.holders++;
            return joined;
        });
    }

    void leave(String key, Signal signal) {
        signals.computeIfPresent(key, (k, current) -> {
            if (current != signal) {
                return current;
            }
            return --current.holders == 0 ? null : current;
        });
    }

    /** Wakes everyone waiting for {@code key}. */
    void fire(String key) {
        Signal signal = signals.remove(key);
        if (signal != null) {
            signal.fired.countDown();
        }
    }

    /** Keys with waiters (for tests and metrics). */
    int size() {
        return signals.size();
    }
}
