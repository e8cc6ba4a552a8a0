package dev.switchboard.handoff;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work of the queue, on one thread: expires overdue packets within about {@link #INTERVAL} of their
 * {@code due_at}, redelivers push resumes whose node stopped, and forgets idempotency keys older than a day. Every
 * node may run one: each pass is idempotent and a packet expires once. A failed pass (e.g. the database is away) is
 * logged and the next one tries again.
 */
public final class Sweeper implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Idempotency keys are cleaned this often (and on the first pass). */
    static final long CLEANUP_EVERY_PASSES = 3_600;

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final Escalations escalations;
    private final ScheduledExecutorService timer;
    private long passes;

    private Sweeper(Escalations escalations) {
        this.escalations = escalations;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("switchboard-sweeper").daemon(true).factory());
    }

    /** Starts sweeping every {@code interval}. */
    public static Sweeper start(Escalations escalations, Duration interval) {
        Sweeper sweeper = new Sweeper(escalations);
        sweeper.timer.scheduleWithFixedDelay(
                sweeper::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return sweeper;
    }

    private void pass() {
        try {
            int expired = escalations.expireOverdue();
            if (expired > 0) {
                LOG.info("expired {} overdue escalations", expired);
            }
            escalations.redeliverStalledResumes();
            if (passes++ % CLEANUP_EVERY_PASSES == 0) {
                escalations.forgetOldIdempotencyKeys();
            }
        } catch (RuntimeException e) {
            LOG.warn("escalation sweep failed; retrying in a moment: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
