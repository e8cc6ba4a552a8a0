package dev.switchboard.policy;

/** An update made against a version that is no longer current (optimistic concurrency: {@code If-Match}). */
public final class StaleVersionException extends RuntimeException {
    private final int expected;
    private final int current;

    public StaleVersionException(int expected, int current) {
        super("expected version " + expected + ", but the current version is " + current, null, false, false);
        this.expected = expected;
        this.current = current;
    }

    public int expected() {
        return expected;
    }

    public int current() {
        return current;
    }
}
