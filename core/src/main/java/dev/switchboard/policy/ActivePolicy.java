package dev.switchboard.policy;

import dev.switchboard.routing.Decision;
import dev.switchboard.routing.RouteRequest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy version in force, swapped atomically: a route reads the reference once, so it sees the old or the new
 * version whole, never a mix. Thread-safe.
 */
public final class ActivePolicy {
    private final AtomicReference<CompiledPolicy> current;

    public ActivePolicy(CompiledPolicy initial) {
        this.current = new AtomicReference<>(initial);
    }

    public CompiledPolicy current() {
        return current.get();
    }

    /**
     * Puts {@code next} in force unless a version at least as new already is; returns whether it was swapped in.
     */
    public boolean swap(CompiledPolicy next) {
        CompiledPolicy previous;
        do {
            previous = current.get();
            if (previous.version() >= next.version()) {
                return false;
            }
        } while (!current.compareAndSet(previous, next));
        return true;
    }

    /** Routes with the version in force. */
    public Decision route(RouteRequest request) {
        return current.get().route(request);
    }
}
