package dev.switchboard.ids;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cryptographically strong random longs for ids, fast under concurrency. The JDK's default {@link SecureRandom} on
 * Linux reads {@code /dev/urandom} under one lock for every call; on the routing path (an id per decision) that lock
 * and system call cost more than the decision itself. Here a few independent DRBG instances, picked by thread, each
 * hand out a buffer filled by one call. Thread-safe.
 */
final class RandomBits {
    private static final int STRIPES =
            Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors())) * 4;
    private static final Stripe[] STRIPE = new Stripe[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            STRIPE[i] = new Stripe();
        }
    }

    private RandomBits() {}

    /** 64 random bits. */
    static long nextLong() {
        long thread = Thread.currentThread().threadId();
        return STRIPE[(int) (thread ^ (thread >>> 16)) & (STRIPES - 1)].next();
    }

    /** A DRBG: seeded once from the system, then pure computation (no file reads, no lock shared between them). */
    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static final class Stripe {
        private static final int LONGS = 64;

        private final ReentrantLock lock = new ReentrantLock();
        private final SecureRandom random = drbg();
        private final byte[] bytes = new byte[LONGS * Long.BYTES];
        private int next = LONGS;

        long next() {
            lock.lock();
            try {
                if (next == LONGS) {
                    random.nextBytes(bytes);
                    next = 0;
                }
                int at = next++ * Long.BYTES;
                long value = 0;
                for (int i = 0; i < Long.BYTES; i++) {
                    value = (value << 8) | (bytes[at + i] & 0xFF);
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }
}
