package dev.switchboard.bench.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a process's resident set ({@code VmRSS}) every {@value #PERIOD_MILLIS} ms on a thread of its own and keeps
 * the largest sample, since the start and since the last {@link #windowMaxKib}. Thread-safe.
 */
final class RssSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;

    private final long pid;
    private final AtomicLong max = new AtomicLong(-1);
    private final AtomicLong windowMax = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;

    RssSampler(long pid) {
        this.pid = pid;
        this.thread = Thread.ofPlatform().daemon().name("rss-sampler").start(this::loop);
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                Thread.sleep(Duration.ofMillis(PERIOD_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        long rss = ProcFs.rssKib(pid);
        if (rss >= 0) {
            max.accumulateAndGet(rss, Math::max);
            windowMax.accumulateAndGet(rss, Math::max);
            samples.incrementAndGet();
        }
    }

    /** The largest sample since the last call (or the start), then starts a new window; -1 without samples. */
    long windowMaxKib() {
        sample();
        return windowMax.getAndSet(-1);
    }

    long maxKib() {
        return max.get();
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
