package dev.switchboard.decisionlog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records decisions off the request path: {@link #offer} puts a record on a bounded queue and returns at once; one
 * writer thread appends them in batches, taking what has queued every {@link #PAUSE} (at once again while batches come
 * out full). When the queue is full, or a batch cannot be written, the records are dropped and counted in
 * {@link #dropped()} — never silently. Thread-safe.
 */
public final class DecisionLog implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 20_000;
    public static final int BATCH_SIZE = 500;
    /** The writer thread's name (also how a profiler or the benchmark tells its CPU time apart). */
    public static final String WRITER_THREAD = "switchboard-decision-log";

    /**
     * How long the writer lets records gather after a batch that was not full. A writer that waited on the queue was
     * woken by each new record and wrote the few it found, a commit (and on SQLite an {@code fsync}) for every few
     * dozen decisions; pausing lets a batch fill, and a writer that does not wait on the queue is signalled by no
     * {@code offer}. Under routing load this cut the writer's CPU per decision from 11.6 to 6–7 µs (bench/README.md).
     */
    static final Duration PAUSE = Duration.ofMillis(10);

    private static final Logger LOG = Logger.getLogger(DecisionLog.class.getName());

    private final DecisionLogStore store;
    private final BlockingQueue<DecisionRecord> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread writer;
    private volatile boolean closed;

    public DecisionLog(DecisionLogStore store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, is " + capacity);
        }
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name(WRITER_THREAD).daemon().start(this::run);
    }

    /** Queues a record; false (and counted as dropped) when the log cannot keep up or is closed. */
    public boolean offer(DecisionRecord record) {
        if (closed || !queue.offer(record)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Records dropped so far (queue full, closed, or a failed write). */
    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    public int pending() {
        return queue.size();
    }

    /** Writes everything queued before this call, in the calling thread, and waits for a batch in flight. */
    public void flush() {
        List<DecisionRecord> batch = new ArrayList<>();
        while (queue.drainTo(batch, BATCH_SIZE) > 0) {
            write(batch);
            batch.clear();
        }
        writing.lock();
        writing.unlock();
    }

    /** Stops taking records, writes what is queued and stops the writer. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void run() {
        List<DecisionRecord> batch = new ArrayList<>(BATCH_SIZE);
        while (!closed) {
            int drained = queue.drainTo(batch, BATCH_SIZE);
            if (drained > 0) {
                write(batch);
                batch.clear();
            }
            if (drained < BATCH_SIZE) {
                try {
                    Thread.sleep(PAUSE);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void write(List<DecisionRecord> batch) {
        writing.lock();
        try {
            store.append(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            LOG.log(
                    Level.WARNING,
                    "decision log: could not write " + batch.size() + " decisions; counted as dropped",
                    e);
        } finally {
            writing.unlock();
        }
    }
}
