package dev.switchboard.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: {@code ratePerSecond} tokens refill each second up to {@code burst}; a request takes
 * one. On this node only. Thread-safe.
 */
public final class RateLimiter {
    private final double ratePerSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, double burst, Clock clock) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + "/" + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** 0 when the request may go ahead, else the seconds to wait before the next one would. */
    public long take(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()))
                .take(clock.millis());
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * ratePerSecond / 1000.0);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond));
        }
    }
}
