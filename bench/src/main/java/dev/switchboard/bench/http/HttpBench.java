package dev.switchboard.bench.http;

import dev.switchboard.bench.lifecycle.BenchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Routing over HTTP, in one run: the server jar started as its own process (SQLite, or PostgreSQL with
 * {@code --store postgres}), a tenant with an agent and an operator key, then {@code wrk} against
 * {@code GET /health/live} and {@code POST /v1/route} after a warmup, in alternating measured windows, and a sustained
 * window of routing plus escalation lifecycles while the server's resident memory is sampled. Prints a Markdown
 * fragment (also written with {@code --report}) and, with {@code --json}, the figures. Exits 1 if any request failed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.http.HttpBench [--jar server/target/switchboard.jar] \
 *     [--store sqlite|postgres] [--connections 64] [--wrk-threads 2] [--warmup 20] [--seconds 15] [--rounds 2] \
 *     [--sustained 60] [--lifecycles 50] [--json FILE] [--report FILE]
 * </pre>
 */
public final class HttpBench {
    static final String SQLITE = "sqlite";
    static final String POSTGRES = "postgres";
    /** The per-key rate limit given to the server: high enough never to answer 429 to the load. */
    static final String RATE_LIMIT = "100000000";

    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED");
    private static final Duration READY_PATIENCE = Duration.ofSeconds(60);

    private HttpBench() {}

    /** What a run measured. */
    record Report(
            Options options,
            String wrkVersion,
            double readyMillis,
            SessionPrimer.Result primed,
            List<Window> windows,
            Window live,
            Window route,
            RoutingGoal goal,
            Memory memory,
            Window sustained,
            EscalationTraffic.Result traffic) {

        long errors() {
            return windows.stream().mapToLong(w -> w.summary().errors()).sum()
                    + (traffic == null ? 0 : traffic.errors());
        }
    }

    /** The server's resident set in KiB: idle at ready, the largest sampled, at the end, and the kernel's peak. */
    record Memory(long readyKib, long routingMaxKib, long sustainedMaxKib, long sustainedEndKib, long peakKib) {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        long started = System.nanoTime();
        Report report = run(options);
        String markdown = HttpReport.markdown(report);
        System.out.println();
        System.out.println(markdown);
        System.out.printf(Locale.ROOT, "took %.0f s%n", (System.nanoTime() - started) / 1e9);
        if (options.report() != null) {
            Files.writeString(options.report(), markdown);
            System.out.println("written " + options.report());
        }
        if (options.json() != null) {
            Files.writeString(options.json(), HttpReport.json(report));
            System.out.println("written " + options.json());
        }
        if (report.errors() > 0) {
            System.out.println(report.errors() + " requests failed: see above");
            System.exit(1);
        }
    }

    static Report run(Options options) throws Exception {
        Path jar = ServerProcess.requireJar(options.jar());
        Wrk.require();
        Path work = TempFolders.create("sb-bench-http");
        try {
            return run(options, jar, work);
        } finally {
            TempFolders.delete(work);
        }
    }

    private static Report run(Options options, Path jar, Path work) throws Exception {
        String adminToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_ADMIN_TOKEN", adminToken);
        env.put("SWITCHBOARD_RATE_LIMIT", RATE_LIMIT);
        if (options.store().equals(POSTGRES)) {
            BenchDatabase database = BenchDatabase.fresh("sb_bench_http");
            env.put("SWITCHBOARD_DB_URL", database.url());
            env.put("SWITCHBOARD_DB_USER", database.user());
        }
        Path data = Files.createDirectory(work.resolve("data"));
        System.out.printf(
                Locale.ROOT,
                "routing over HTTP: %s on %s, wrk %d connections on %d thread(s); %d s warmup, %d × 2 windows of %d s,"
                        + " %d s sustained with %.0f lifecycles/s; %d CPUs, Java %s%n",
                jar,
                options.store(),
                options.connections(),
                options.wrkThreads(),
                options.warmup(),
                options.rounds(),
                options.seconds(),
                options.sustained(),
                options.lifecycles(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        try (ServerProcess server = ServerProcess.start(jar, JVM_FLAGS, env, data, work.resolve("server.log"))) {
            try {
                return drive(options, server, adminToken, work);
            } catch (Exception e) {
                System.out.println("server output, last lines:\n" + server.logTail());
                throw e;
            }
        }
    }

    private static Report drive(Options options, ServerProcess server, String adminToken, Path work) throws Exception {
        double readyMillis = server.awaitReady(READY_PATIENCE).toNanos() / 1e6;
        long readyRss = ProcFs.rssKib(server.pid());
        BenchClient client = new BenchClient(server);
        String admin = client.tenant(adminToken, "bench");
        String agent = client.key(admin, "agent", "bench-agent");
        String operator = client.key(admin, "operator", "bench-operator");
        Path live = Files.writeString(work.resolve("live.lua"), WrkScript.plain());
        List<String> messages = WrkScript.fixtureMessages();
        Path route = Files.writeString(work.resolve("route.lua"), WrkScript.route(messages, agent));
        SessionPrimer.Result primed = SessionPrimer.prime(client, agent, messages);
        System.out.printf(
                Locale.ROOT,
                "primed %,d sessions (%,d handed to a human with an escalation)%n",
                primed.sessions(),
                primed.escalations());
        Wrk wrk = new Wrk(options.connections(), options.wrkThreads(), work);
        try (RssSampler rss = new RssSampler(server.pid())) {
            Windows windows = new Windows(wrk, server, rss);
            if (options.warmup() > 0) {
                windows.run(Window.WARMUP, Window.ROUTE, 0, route, options.warmup());
                windows.run(Window.WARMUP, Window.LIVE, 0, live, options.warmup());
            }
            for (int round = 1; round <= options.rounds(); round++) {
                windows.run(Window.MEASURED, Window.LIVE, round, live, options.seconds());
                windows.run(Window.MEASURED, Window.ROUTE, round, route, options.seconds());
            }
            long routingMax = rss.maxKib();
            Window sustained = null;
            EscalationTraffic.Result traffic = null;
            long endRss = -1;
            if (options.sustained() > 0) {
                rss.windowMaxKib();
                EscalationTraffic lifecycles =
                        new EscalationTraffic(client, agent, operator, options.lifecycles()).start();
                try {
                    sustained = windows.run(Window.SUSTAINED, Window.ROUTE, 0, route, options.sustained());
                    endRss = ProcFs.rssKib(server.pid());
                } finally {
                    traffic = lifecycles.stop();
                }
                System.out.printf(
                        Locale.ROOT,
                        "  lifecycles: %,d completed, %d errors%s, p50 %.1f ms, p99 %.1f ms%n",
                        traffic.completed(),
                        traffic.errors(),
                        traffic.firstError() == null ? "" : " (the first: " + traffic.firstError() + ")",
                        traffic.p50Millis(),
                        traffic.p99Millis());
            }
            Memory memory = new Memory(
                    readyRss,
                    routingMax,
                    sustained == null ? -1 : sustained.maxRssKib(),
                    endRss,
                    ProcFs.peakRssKib(server.pid()));
            List<Window> measured = windows.all.stream()
                    .filter(w -> w.phase().equals(Window.MEASURED))
                    .toList();
            Window medianLive = Window.median(of(measured, Window.LIVE));
            Window medianRoute = Window.median(of(measured, Window.ROUTE));
            long routingErrors = windows.all.stream()
                    .filter(w -> !w.phase().equals(Window.SUSTAINED))
                    .mapToLong(w -> w.summary().errors())
                    .sum();
            return new Report(
                    options,
                    Wrk.version(),
                    readyMillis,
                    primed,
                    windows.all,
                    medianLive,
                    medianRoute,
                    RoutingGoal.of(options.connections(), medianLive, medianRoute, routingErrors),
                    memory,
                    sustained,
                    traffic);
        }
    }

    private static List<Window> of(List<Window> windows, String endpoint) {
        return windows.stream().filter(w -> w.endpoint().equals(endpoint)).toList();
    }

    /** Runs windows one after another and keeps them. */
    private static final class Windows {
        final List<Window> all = new ArrayList<>();
        final Wrk wrk;
        final ServerProcess server;
        final RssSampler rss;

        Windows(Wrk wrk, ServerProcess server, RssSampler rss) {
            this.wrk = wrk;
            this.server = server;
            this.rss = rss;
        }

        Window run(String phase, String endpoint, int round, Path script, int seconds) throws Exception {
            String path = endpoint.equals(Window.LIVE) ? "/health/live" : "/v1/route";
            rss.windowMaxKib();
            Wrk.Run run = wrk.run(server.uri(path), script, seconds, server.pid());
            Window window = new Window(
                    phase,
                    endpoint,
                    round,
                    run.summary(),
                    run.serverCpuSeconds(),
                    run.decisionLogCpuSeconds(),
                    run.wrkCpuSeconds(),
                    rss.windowMaxKib());
            all.add(window);
            System.out.printf(
                    Locale.ROOT,
                    "%-9s %-16s %s: %,9.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors: %s; server %.2f cores,"
                            + " %.0f µs CPU/request (decision log %.0f), RSS max %,d MiB%n",
                    phase,
                    endpoint,
                    round == 0 ? "       " : "round " + round,
                    run.summary().requestsPerSecond(),
                    run.summary().p50Micros() / 1e3,
                    run.summary().p99Micros() / 1e3,
                    run.summary().maxMicros() / 1e3,
                    run.summary().errorText(),
                    window.serverCores(),
                    window.serverCpuMicrosPerRequest(),
                    window.decisionLogCpuMicrosPerRequest(),
                    window.maxRssKib() / 1024);
            return window;
        }
    }

    /** Command line options; durations in whole seconds, as {@code wrk} takes them. */
    record Options(
            Path jar,
            String store,
            int connections,
            int wrkThreads,
            int warmup,
            int seconds,
            int rounds,
            int sustained,
            double lifecycles,
            Path json,
            Path report) {
        static Options parse(String... args) {
            Path jar = ServerProcess.DEFAULT_JAR;
            String store = SQLITE;
            int connections = 64;
            int wrkThreads = 2;
            int warmup = 20;
            int seconds = 15;
            int rounds = 2;
            int sustained = 60;
            double lifecycles = 50;
            Path json = null;
            Path report = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--jar" -> jar = Path.of(value);
                    case "--store" -> store = value.toLowerCase(Locale.ROOT);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--wrk-threads" -> wrkThreads = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--sustained" -> sustained = Integer.parseInt(value);
                    case "--lifecycles" -> lifecycles = Double.parseDouble(value);
                    case "--json" -> json = Path.of(value);
                    case "--report" -> report = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!store.equals(SQLITE) && !store.equals(POSTGRES)) {
                throw new IllegalArgumentException("--store must be sqlite or postgres, is " + store);
            }
            if (connections < 1 || wrkThreads < 1 || wrkThreads > connections || seconds < 1 || rounds < 1) {
                throw new IllegalArgumentException(
                        "--connections, --wrk-threads (at most the connections), --seconds and --rounds must be"
                                + " positive, are " + connections + ", " + wrkThreads + ", " + seconds + ", " + rounds);
            }
            if (warmup < 0 || sustained < 0 || !(lifecycles > 0)) {
                throw new IllegalArgumentException("--warmup and --sustained must be 0 or more and --lifecycles"
                        + " positive, are " + warmup + ", " + sustained + ", " + lifecycles);
            }
            return new Options(
                    jar, store, connections, wrkThreads, warmup, seconds, rounds, sustained, lifecycles, json, report);
        }
    }
}
