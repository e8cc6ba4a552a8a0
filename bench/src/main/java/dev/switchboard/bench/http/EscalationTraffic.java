package dev.switchboard.bench.http;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Escalation lifecycles over HTTP at a fixed rate, open loop (each one starts at its time, whatever the others do):
 * create with the agent key, claim and resolve with the operator key, each lifecycle on a virtual thread of its own.
 * Runs on its own thread from {@link #start} until {@link #stop}, which waits for the lifecycles under way.
 */
final class EscalationTraffic {
    private final BenchClient client;
    private final String agentKey;
    private final String operatorKey;
    private final double rate;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Queue<Long> nanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService lifecycles = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;
    private Thread pacer;

    /** What the traffic did: lifecycles completed and failed, and how long a whole lifecycle took. */
    record Result(double rate, long completed, long errors, String firstError, double p50Millis, double p99Millis) {}

    EscalationTraffic(BenchClient client, String agentKey, String operatorKey, double rate) {
        this.client = client;
        this.agentKey = agentKey;
        this.operatorKey = operatorKey;
        this.rate = rate;
    }

    EscalationTraffic start() {
        pacer = Thread.ofPlatform().name("escalation-traffic").start(this::pace);
        return this;
    }

    private void pace() {
        long period = (long) (1e9 / rate);
        long next = System.nanoTime();
        while (running) {
            lifecycles.execute(this::lifecycle);
            next += period;
            for (long wait = next - System.nanoTime(); wait > 0 && running; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void lifecycle() {
        long started = System.nanoTime();
        try {
            String body = "{\"title\": \"Refund above the limit\", \"entity_type\": \"order\", \"entity_id\": \"o-"
                    + sequence.incrementAndGet() + "\", \"reason\": \"high_value_deal\", \"priority\": \"high\"}";
            String id = client.post("/v1/escalations", agentKey, body).get("id").asText();
            client.post("/v1/escalations/" + id + "/assign", operatorKey, "{}");
            client.post("/v1/escalations/" + id + "/resolve", operatorKey, "{\"action_taken\": \"approved\"}");
            nanos.add(System.nanoTime() - started);
        } catch (Exception e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
        }
    }

    /** Stops starting lifecycles, waits for those under way; what happened. */
    Result stop() throws InterruptedException {
        running = false;
        pacer.join();
        lifecycles.close();
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(
                rate, sorted.length, errors.get(), firstError.get(), millis(sorted, 0.50), millis(sorted, 0.99));
    }

    private static double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
