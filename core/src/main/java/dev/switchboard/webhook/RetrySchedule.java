package dev.switchboard.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is attempted again (SPEC §4): about 1 s after the first failure, doubling, at most an hour
 * apart, each delay jittered by ±20 % so that receivers coming back are not hit by every sender at once; given up
 * {@link #GIVE_UP_AFTER} after the delivery was written (or manually retried).
 */
public final class RetrySchedule {
    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofHours(1);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final double JITTER = 0.2;

    private final RandomGenerator random;

    public RetrySchedule(RandomGenerator random) {
        this.random = random;
    }

    /** The delay before the next attempt after {@code failedAttempts} failed ones (1 or more), without jitter. */
    public static Duration baseDelay(int failedAttempts) {
        int doublings = Math.max(0, failedAttempts - 1);
        if (doublings >= 12) { // 2^12 s is past the cap already
            return CAP;
        }
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /** The time of the next attempt, jittered; null when the delivery should be given up instead. */
    public Instant next(int failedAttempts, Instant now, Instant giveUpAt) {
        if (!now.isBefore(giveUpAt)) {
            return null;
        }
        long base = baseDelay(failedAttempts).toMillis();
        long jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random.nextDouble()));
        Instant next = now.plusMillis(Math.max(1, jittered));
        // The last attempt happens at the give-up time at the latest, so that 24 hours are really tried.
        return next.isAfter(giveUpAt) ? giveUpAt : next;
    }
}
