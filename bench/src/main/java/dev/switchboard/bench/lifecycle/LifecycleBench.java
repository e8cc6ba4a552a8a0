package dev.switchboard.bench.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lifecycle load generator: for each peer in turn, a fresh PostgreSQL database, then for each thread count a
 * warmup, {@code ANALYZE}, and a measured window in which every thread runs whole lifecycles back to back. Reports lifecycles per
 * second, the latency of one lifecycle (p50, p99), errors and the machine's CPU use, as a table and as JSON.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.lifecycle.LifecycleBench \
 *     [--peers switchboard,flowable,camunda] [--threads 1,8] [--warmup 10] [--seconds 30] [--json FILE]
 * </pre>
 */
public final class LifecycleBench {
    private final AtomicLong sequence = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(
                "lifecycle bench: %s, threads %s, warmup %d s, measured %d s; %d CPUs, Java %s; PostgreSQL %s%n",
                options.peers(),
                options.threads(),
                options.warmup().toSeconds(),
                options.measure().toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                BenchDatabase.durability());
        List<Result> results = new LifecycleBench().run(options);
        System.out.println();
        System.out.println(Result.table(results));
        if (options.json() != null) {
            Files.writeString(options.json(), Result.json(results, Instant.now()));
            System.out.println("written " + options.json());
        }
    }

    List<Result> run(Options options) throws Exception {
        List<Result> results = new ArrayList<>();
        for (String name : options.peers()) {
            BenchDatabase database = BenchDatabase.fresh("sb_bench_lc_" + name);
            long started = System.nanoTime();
            try (LifecyclePeer peer = open(name, database)) {
                System.out.printf(
                        "%s ready in %d ms%n",
                        name, Duration.ofNanos(System.nanoTime() - started).toMillis());
                for (int threads : options.threads()) {
                    window(peer, threads, options.warmup());
                    database.analyze();
                    long finishedBefore = peer.finished();
                    Result result = window(peer, threads, options.measure()).named(name, threads);
                    long finished = peer.finished() - finishedBefore;
                    if (finished < result.lifecycles()) {
                        throw new IllegalStateException(name + " counted " + result.lifecycles()
                                + " lifecycles but its database shows " + finished + " finished");
                    }
                    System.out.println(result.line());
                    results.add(result);
                }
            }
        }
        return results;
    }

    static LifecyclePeer open(String name, BenchDatabase database) {
        return switch (name) {
            case SwitchboardPeer.NAME -> new SwitchboardPeer(database);
            case FlowablePeer.NAME -> new FlowablePeer(database);
            case CamundaPeer.NAME -> new CamundaPeer(database);
            default -> throw new IllegalArgumentException("unknown peer " + name);
        };
    }

    /** {@code threads} threads running lifecycles until {@code length} has passed; what they did. */
    private Result window(LifecyclePeer peer, int threads, Duration length) throws Exception {
        CpuUsage cpu = CpuUsage.start();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<Worker>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> new Worker().runUntil(peer, end)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double busy = cpu.busyFraction();
        long[] latencies = workers.stream()
                .map(LifecycleBench::get)
                .flatMapToLong(worker -> Arrays.stream(worker.latencies, 0, worker.count))
                .sorted()
                .toArray();
        long errors = workers.stream()
                .map(LifecycleBench::get)
                .mapToLong(worker -> worker.errors)
                .sum();
        String firstError = workers.stream()
                .map(LifecycleBench::get)
                .map(worker -> worker.firstError)
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
        return Result.of(latencies, errors, firstError, seconds, busy);
    }

    private static Worker get(Future<Worker> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One thread's lifecycles: their latencies in nanoseconds, and failures (which end nothing). */
    private final class Worker {
        long[] latencies = new long[1 << 14];
        int count;
        long errors;
        String firstError;

        Worker runUntil(LifecyclePeer peer, long end) {
            long now = System.nanoTime();
            while (now < end) {
                try {
                    peer.lifecycle(sequence.incrementAndGet());
                    long done = System.nanoTime();
                    record(done - now);
                    now = done;
                } catch (Exception e) {
                    errors++;
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                    now = System.nanoTime();
                }
            }
            return this;
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }

    /** Command line options. */
    record Options(List<String> peers, List<Integer> threads, Duration warmup, Duration measure, Path json) {
        static Options parse(String[] args) {
            List<String> peers = List.of(SwitchboardPeer.NAME, FlowablePeer.NAME, CamundaPeer.NAME);
            List<Integer> threads = List.of(1, 8);
            Duration warmup = Duration.ofSeconds(10);
            Duration measure = Duration.ofSeconds(30);
            Path json = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--peers" ->
                        peers = List.of(value.toLowerCase(Locale.ROOT).split(","));
                    case "--threads" ->
                        threads = Arrays.stream(value.split(","))
                                .map(Integer::valueOf)
                                .toList();
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                    case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(value));
                    case "--json" -> json = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Options(peers, threads, warmup, measure, json);
        }
    }
}
