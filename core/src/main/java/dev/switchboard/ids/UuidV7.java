package dev.switchboard.ids;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then randomness, so ids sort by creation time as strings and
 * as UUIDs. Ids from one generator are strictly increasing, even within a millisecond or when the clock steps back.
 * Thread-safe.
 */
public final class UuidV7 {
    private final Clock clock;
    /** The last (milliseconds << 12 | sequence) handed out, so the next one is larger. */
    private final AtomicLong last = new AtomicLong();

    public UuidV7(Clock clock) {
        this.clock = clock;
    }

    /** A new id, later than every id this generator returned before. */
    public UUID next() {
        long stamp;
        long previous;
        do {
            previous = last.get();
            long now = clock.millis() << 12;
            stamp = Math.max(now, previous + 1);
        } while (!last.compareAndSet(previous, stamp));
        long millis = stamp >>> 12;
        long sequence = stamp & 0xFFF;
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (RandomBits.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** {@link #next()} as its canonical string. */
    public String nextString() {
        return next().toString();
    }
}
