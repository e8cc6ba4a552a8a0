package dev.switchboard.bench.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.bench.lifecycle.BenchDatabase;
import dev.switchboard.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The event bench, in one run: webhook deliveries per second to a local receiver (a backlog drained, then a steady
 * window with writers at full speed; {@link DeliveryBench}) on PostgreSQL and on SQLite, and the latency from an
 * event's commit to a live stream ({@link StreamBench}): same node and, with two nodes on one PostgreSQL database,
 * cross node. Prints a table per part and, with {@code --json}, writes the figures as JSON. Exits 1 if any event
 * did not arrive exactly once.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.events.EventBench \
 *     [--deliveries 20000] [--writers 8] [--paced 500] [--rate 100] [--seconds 10] [--warmup 10] \
 *     [--stores postgres,sqlite] [--parts deliveries,streams] [--json FILE]
 * </pre>
 */
public final class EventBench {
    static final String POSTGRES = "postgres";
    static final String SQLITE = "sqlite";
    static final String DELIVERIES = "deliveries";
    static final String STREAMS = "streams";

    private EventBench() {}

    /** What a run measured. */
    record Report(List<DeliveryBench.Result> deliveries, List<StreamBench.Result> streams) {
        boolean exactlyOnce() {
            return deliveries.stream().allMatch(DeliveryBench.Result::exactlyOnce)
                    && streams.stream().allMatch(StreamBench.Result::exactlyOnce);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(
                "event bench: %s on %s; backlog of %,d, %d writers, paced at %.0f/s, stream at %.0f/s; windows of"
                        + " %.1f s after %.1f s warmup; %d CPUs, Java %s%s%n",
                options.parts(),
                options.stores(),
                options.deliveries(),
                options.writers(),
                options.paced(),
                options.rate(),
                options.seconds().toMillis() / 1000.0,
                options.warmup().toMillis() / 1000.0,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                options.stores().contains(POSTGRES) ? "; PostgreSQL " + BenchDatabase.durability() : "");
        long started = System.nanoTime();
        Report report = run(options);
        System.out.println();
        System.out.println(deliveryTable(report.deliveries()));
        System.out.println(streamTable(report.streams()));
        System.out.printf("took %.0f s%n", (System.nanoTime() - started) / 1e9);
        if (options.json() != null) {
            Files.writeString(options.json(), json(report, Instant.now()));
            System.out.println("written " + options.json());
        }
        if (!report.exactlyOnce()) {
            System.out.println("NOT every event arrived exactly once: see above");
            System.exit(1);
        }
    }

    static Report run(Options options) throws Exception {
        List<DeliveryBench.Result> deliveries = new ArrayList<>();
        List<StreamBench.Result> streams = new ArrayList<>();
        if (options.parts().contains(DELIVERIES)) {
            for (String store : options.stores()) {
                if (store.equals(POSTGRES)) {
                    BenchDatabase target = BenchDatabase.fresh("sb_bench_ev_deliveries");
                    try (Database database = Database.postgres(target.url(), target.user(), null)) {
                        deliveries.add(new DeliveryBench(POSTGRES, database, options.writers())
                                .run(options.deliveries(), options.seconds(), options.warmup(), options.paced()));
                    }
                } else {
                    Path folder = Files.createTempDirectory("sb-bench-deliveries");
                    try (Database database = Database.sqlite(folder)) {
                        deliveries.add(new DeliveryBench(SQLITE, database, options.writers())
                                .run(options.deliveries(), options.seconds(), options.warmup(), options.paced()));
                    } finally {
                        delete(folder);
                    }
                }
            }
        }
        if (options.parts().contains(STREAMS)) {
            for (String store : options.stores()) {
                Path folder = Files.createTempDirectory("sb-bench-streams");
                try (StreamBench bench = new StreamBench()) {
                    if (store.equals(POSTGRES)) {
                        BenchDatabase target = BenchDatabase.fresh("sb_bench_ev_streams");
                        streams.addAll(bench.postgres(
                                target.url(),
                                target.user(),
                                folder,
                                options.warmup(),
                                options.seconds(),
                                options.rate()));
                    } else {
                        streams.addAll(bench.sqlite(folder, options.warmup(), options.seconds(), options.rate()));
                    }
                } finally {
                    delete(folder);
                }
            }
        }
        return new Report(deliveries, streams);
    }

    static String deliveryTable(List<DeliveryBench.Result> results) {
        StringBuilder table = new StringBuilder(
                "| store | phase | seconds | packets created/s | **deliveries/s** | lag p50 ms | lag p99 ms | lag max ms |"
                        + " undelivered at end | machine CPU | every event once |\n"
                        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (DeliveryBench.Result r : results) {
            for (DeliveryBench.Phase p : r.phases()) {
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.1f | %,.0f | **%,.0f** | %s | %s | %s | %,d | %.0f %% | %s |%n",
                        r.store(),
                        p.name().equals("drain") ? String.format(Locale.ROOT, "drain %,d", p.created()) : p.name(),
                        p.seconds(),
                        p.createdPerSecond(),
                        p.deliveredPerSecond(),
                        millis(p.lagP50Millis()),
                        millis(p.lagP99Millis()),
                        millis(p.lagMaxMillis()),
                        p.undeliveredAtEnd(),
                        p.cpu() * 100,
                        r.exactlyOnce() ? String.format(Locale.ROOT, "yes (%,d)", r.events()) : "NO"));
            }
        }
        return table.toString();
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%,.1f", value);
    }

    static String streamTable(List<StreamBench.Result> results) {
        StringBuilder table =
                new StringBuilder("| store | event written on | events | p50 ms | p90 ms | p99 ms | max ms |"
                        + " each once |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (StreamBench.Result r : results) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,d | **%.2f** | %.2f | %.2f | %.2f | %s |%n",
                    r.store(),
                    r.path(),
                    r.sent(),
                    r.p50Millis(),
                    r.p90Millis(),
                    r.p99Millis(),
                    r.maxMillis(),
                    r.exactlyOnce() ? "yes" : "NO"));
        }
        return table.toString();
    }

    static String json(Report report, Instant at) throws IOException {
        ObjectMapper json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("at", at.toString());
        document.put("java", Runtime.version().toString());
        document.put("deliveries", report.deliveries());
        document.put("streams", report.streams());
        return json.writeValueAsString(document) + "\n";
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Command line options. */
    record Options(
            List<String> parts,
            List<String> stores,
            long deliveries,
            int writers,
            Duration seconds,
            Duration warmup,
            double rate,
            double paced,
            Path json) {
        static Options parse(String... args) {
            List<String> parts = List.of(DELIVERIES, STREAMS);
            List<String> stores = List.of(POSTGRES, SQLITE);
            long deliveries = 20_000;
            int writers = 8;
            Duration seconds = Duration.ofSeconds(10);
            Duration warmup = Duration.ofSeconds(10);
            double rate = 100;
            double paced = 500;
            Path json = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--parts" -> parts = list(value, DELIVERIES, STREAMS);
                    case "--stores" -> stores = list(value, POSTGRES, SQLITE);
                    case "--deliveries" -> deliveries = Long.parseLong(value);
                    case "--writers" -> writers = Integer.parseInt(value);
                    case "--seconds" -> seconds = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--paced" -> paced = Double.parseDouble(value);
                    case "--json" -> json = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (deliveries < 1
                    || writers < 1
                    || !(rate > 0)
                    || !(paced > 0)
                    || seconds.isNegative()
                    || seconds.isZero()) {
                throw new IllegalArgumentException(
                        "--deliveries, --writers, --rate, --paced and --seconds must be positive");
            }
            return new Options(parts, stores, deliveries, writers, seconds, warmup, rate, paced, json);
        }

        private static List<String> list(String value, String... known) {
            List<String> names = List.of(value.toLowerCase(Locale.ROOT).split(","));
            for (String name : names) {
                if (!List.of(known).contains(name)) {
                    throw new IllegalArgumentException("unknown " + name + "; known: " + String.join(", ", known));
                }
            }
            return names;
        }
    }
}
