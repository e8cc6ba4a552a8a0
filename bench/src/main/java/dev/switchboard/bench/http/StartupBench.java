package dev.switchboard.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start to ready on SQLite: the server jar launched with the JVM flags of the {@code switchboard} launcher (the
 * class-data archive next to the jar included), on a fresh data folder each time, timed from the launch of the process
 * to the first 200 of {@code GET /health/ready}, polled every 5 ms. The first start goes without the archive (as
 * right after a build) and its JVM writes it on exit; the later starts map it.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.http.StartupBench [--jar server/target/switchboard.jar] \
 *     [--runs 10] [--json FILE] [--report FILE]
 * </pre>
 */
public final class StartupBench {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private StartupBench() {}

    /** What a run measured, in milliseconds. */
    record Report(List<String> flags, boolean archive, double firstMillis, List<Double> laterMillis) {
        double median() {
            List<Double> sorted = laterMillis.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return laterMillis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        double max() {
            return laterMillis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        StartGoal goal() {
            return new StartGoal(median(), firstMillis, laterMillis.size());
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = run(options);
        String markdown = markdown(report);
        System.out.println();
        System.out.println(markdown);
        if (options.report() != null) {
            Files.writeString(options.report(), markdown);
            System.out.println("written " + options.report());
        }
        if (options.json() != null) {
            Files.writeString(options.json(), json(report));
            System.out.println("written " + options.json());
        }
    }

    /**
     * The flags the {@code switchboard} launcher gives this JDK: native access for SQLite, the class-data archive
     * {@code switchboard.jsa} next to the jar (when the JDK has a base archive) with its messages off, and Unsafe
     * allowed quietly on JDK 23+.
     */
    static List<String> launcherFlags(Path jar) {
        List<String> flags = new ArrayList<>(HttpBench.JVM_FLAGS);
        if (Files.isRegularFile(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa"))) {
            flags.add("-XX:+AutoCreateSharedArchive");
            flags.add("-XX:SharedArchiveFile=" + archive(jar));
            flags.add("-Xlog:cds=off,cds+dynamic=off,aot=off");
        }
        if (Runtime.version().feature() >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    static Path archive(Path jar) {
        return jar.toAbsolutePath().getParent().resolve("switchboard.jsa");
    }

    static Report run(Options options) throws Exception {
        Path jar = ServerProcess.requireJar(options.jar());
        List<String> flags = launcherFlags(jar);
        boolean archive = flags.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile="));
        Files.deleteIfExists(archive(jar));
        System.out.printf(
                Locale.ROOT,
                "start to ready: %s with %s; %d CPUs, Java %s%n",
                jar,
                String.join(" ", flags),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        ReadyProbe.ready(0); // loads the probe's classes before the first timed start
        double first = start(jar, flags);
        System.out.printf(Locale.ROOT, "first start (no class-data archive yet): %,.0f ms%n", first);
        if (archive && !Files.isRegularFile(archive(jar))) {
            System.out.println("note: the first start wrote no archive at " + archive(jar));
        }
        List<Double> later = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            later.add(start(jar, flags));
            System.out.printf(Locale.ROOT, "start %d: %,.0f ms%n", run, later.getLast());
        }
        return new Report(flags, archive, first, later);
    }

    /** One start on a fresh data folder: milliseconds from launch to ready; then a graceful stop. */
    private static double start(Path jar, List<String> flags) throws Exception {
        Path work = TempFolders.create("sb-bench-start");
        try {
            Path data = Files.createDirectory(work.resolve("data"));
            try (ServerProcess server = ServerProcess.start(jar, flags, Map.of(), data, work.resolve("server.log"))) {
                return server.awaitReady(PATIENCE).toNanos() / 1e6;
            }
        } finally {
            TempFolders.delete(work);
        }
    }

    static String markdown(Report r) {
        return "## Start to ready\n\n" + paragraph(r) + "\n\n"
                + "| start | time to ready |\n| --- | ---: |\n"
                + String.format(
                        Locale.ROOT,
                        "| first, without the class-data archive (as after a build) | %,.0f ms |%n",
                        r.firstMillis())
                + String.format(
                        Locale.ROOT,
                        "| later starts, median of %d (%,.0f–%,.0f ms) | **%,.0f ms** |%n",
                        r.laterMillis().size(),
                        r.min(),
                        r.max(),
                        r.median())
                + "\n" + r.goal().line() + "\n";
    }

    private static String paragraph(Report r) {
        return String.format(
                Locale.ROOT,
                "`StartupBench` launched `java %s -jar switchboard.jar serve` %d times, the JVM flags the `switchboard`"
                        + " launcher gives this JDK (Java %d, %d CPUs), each time on a fresh SQLite data folder, and"
                        + " timed each start from the launch of the process to the first 200 of `GET /health/ready`,"
                        + " polled every 5 ms; each server was then stopped as Ctrl-C stops it. %s The launcher's own"
                        + " shell work (finding the JDK, checking that the jar is newer than the sources, a few"
                        + " milliseconds) is not included.",
                String.join(" ", r.flags().stream().map(StartupBench::shown).toList()),
                r.laterMillis().size() + 1,
                Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors(),
                r.archive()
                        ? "The first start went without the class-data archive (deleted beforehand, as right after a"
                                + " build); its JVM wrote `switchboard.jsa` as it exited, and the later starts mapped it."
                        : "This JDK has no base class-data archive, so the launcher uses none either: every start"
                                + " loads its classes from the jar.");
    }

    /** A flag as the launcher spells it: the archive's path relative to the working directory when it is inside. */
    private static String shown(String flag) {
        String cwd = Path.of("").toAbsolutePath() + "/";
        return flag.replace("=" + cwd, "=");
    }

    static String json(Report r) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("at", Instant.now().toString());
        document.put("java", Runtime.version().toString());
        document.put("cpus", Runtime.getRuntime().availableProcessors());
        document.put("flags", r.flags());
        document.put("class_data_archive", r.archive());
        document.put("first_millis", r.firstMillis());
        document.put("later_millis", r.laterMillis());
        document.put("median_millis", r.median());
        document.put("min_millis", r.min());
        document.put("max_millis", r.max());
        document.put("goal_met", r.goal().met());
        document.put("goals", List.of(r.goal().asGoal()));
        return JsonDocuments.write(document);
    }

    /** Command line options. */
    record Options(Path jar, int runs, Path json, Path report) {
        static Options parse(String... args) {
            Path jar = ServerProcess.DEFAULT_JAR;
            int runs = 10;
            Path json = null;
            Path report = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--jar" -> jar = Path.of(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--json" -> json = Path.of(value);
                    case "--report" -> report = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, is " + runs);
            }
            return new Options(jar, runs, json, report);
        }
    }
}
