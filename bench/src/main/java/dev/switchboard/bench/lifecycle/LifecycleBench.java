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
 * The lifecycle load generator: first the database's own commit ceiling at each thread count, from {@link Pgbench};
 * then for each peer in turn, a fresh PostgreSQL database, then for each thread count a warmup, {@code ANALYZE}, and a
 * measured window in which every thread runs whole lifecycles back to back. Reports lifecycles per second, the
 * latency of one lifecycle (p50, p99), errors and the machine's CPU use, Switchboard's lifecycles as commits against
 * the ceiling, as a table, as JSON and as a Markdown fragment.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.lifecycle.LifecycleBench \
 *     [--peers switchboard,flowable,camunda] [--threads 1,4,16,64] [--warmup 10] [--seconds 30] [--no-pgbench] \
 *     [--json FILE] [--report FILE]
 * </pre>
 */
public final class LifecycleBench {
    private final AtomicLong sequence = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path pgbench = options.pgbench() ? Pgbench.locate() : null;
        String durability = BenchDatabase.durability();
        System.out.printf(
                "lifecycle bench: %s, threads %s, warmup %d s, measured %d s, pool %d; %s; %d CPUs, Java %s;"
                        + " PostgreSQL %s%n",
                options.peers(),
                options.threads(),
                options.warmup().toSeconds(),
                options.measure().toSeconds(),
                BenchDatabase.POOL_SIZE,
                pgbench == null ? "no pgbench" : pgbench,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                durability);
        List<Ceiling> ceilings = pgbench == null ? List.of() : ceilings(pgbench, options);
        List<Result> results = new LifecycleBench().run(options);
        Report report = new Report(results, ceilings);
        System.out.println();
        System.out.println(report.table());
        System.out.println(report.goal());
        long warmup = options.warmup().toSeconds();
        long measure = options.measure().toSeconds();
        if (options.json() != null) {
            Files.writeString(options.json(), ReportJson.write(report, Instant.now(), durability, warmup, measure));
            System.out.println("written " + options.json());
        }
        if (options.report() != null) {
            Files.writeString(options.report(), report.fragment(options.peers(), durability, warmup, measure));
            System.out.println("written " + options.report());
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

    /** pgbench at each thread count, with as many connections as threads. */
    static List<Ceiling> ceilings(Path binary, Options options) throws Exception {
        List<Ceiling> ceilings = new ArrayList<>();
        try (Pgbench pgbench = Pgbench.prepare(binary)) {
            for (int clients : options.threads()) {
                Ceiling ceiling = pgbench.measure(clients, options.warmup(), options.measure());
                System.out.println(ceiling.line());
                ceilings.add(ceiling);
            }
        }
        return ceilings;
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

    /** Command line options, validated as parsed. */
    record Options(
            List<String> peers,
            List<Integer> threads,
            Duration warmup,
            Duration measure,
            boolean pgbench,
            Path json,
            Path report) {
        static final List<String> PEERS = List.of(SwitchboardPeer.NAME, FlowablePeer.NAME, CamundaPeer.NAME);
        static final List<Integer> THREADS = List.of(1, 4, 16, 64);
        static final Duration WARMUP = Duration.ofSeconds(10);
        static final Duration MEASURE = Duration.ofSeconds(30);

        Options {
            for (String peer : peers) {
                if (!PEERS.contains(peer)) {
                    throw new IllegalArgumentException("unknown peer " + peer + "; known: " + PEERS);
                }
            }
            for (int count : threads) {
                if (count < 1) {
                    throw new IllegalArgumentException("--threads must be positive: " + count);
                }
            }
            if (warmup.isNegative() || measure.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "--warmup must be ≥ 0 and --seconds ≥ 1: " + warmup.toSeconds() + ", " + measure.toSeconds());
            }
        }

        static Options parse(String[] args) {
            List<String> peers = PEERS;
            List<Integer> threads = THREADS;
            Duration warmup = WARMUP;
            Duration measure = MEASURE;
            boolean pgbench = true;
            Path json = null;
            Path report = null;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--no-pgbench")) {
                    pgbench = false;
                    continue;
                }
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
                                .distinct()
                                .toList();
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                    case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(value));
                    case "--json" -> json = Path.of(value);
                    case "--report" -> report = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Options(peers, threads, warmup, measure, pgbench, json, report);
        }
    }
}
