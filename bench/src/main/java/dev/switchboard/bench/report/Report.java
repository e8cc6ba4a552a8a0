package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes {@code bench/RESULTS.md} from the files one {@code bench/run.sh} run leaves in its results folder: the JMH
 * JSON of the routing, scaling and queue benchmarks, and the Markdown fragments and JSON of the load generators
 * (HTTP, lifecycle, start-up). Every verdict is computed from those figures.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.report.Report \
 *     --results bench/target/results --out bench/RESULTS.md [--started EPOCH_SECONDS] [--command TEXT]
 * </pre>
 */
public final class Report {
    /** The routing goal: median of the full decision on a 500-character message, 5,000 keywords. */
    static final double ROUTING_GOAL_MICROS = 2.5;
    /** The queue goal: the first page with a million open packets. */
    static final double QUEUE_GOAL_MILLIS = 10;

    static final String ROUTING = "routing.json";
    static final String SCALING = "scaling.json";
    static final String QUEUE = "queue.json";
    static final String HTTP = "http";
    static final String LIFECYCLE = "lifecycle";
    static final String STARTUP = "startup";
    static final String COMMANDS = "commands.tsv";

    private final Path results;

    Report(Path results) {
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of("bench/target/results");
        Path out = Path.of("bench/RESULTS.md");
        Instant started = null;
        String command = "bench/run.sh";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--started" -> started = Instant.ofEpochSecond(Long.parseLong(args[++i]));
                case "--command" -> command = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Machine machine = Machine.describe(
                System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                System.getProperty("bench.pg.user", "postgres"));
        Files.writeString(out, new Report(results).render(machine, started, Instant.now(), command));
        System.out.println("written " + out);
    }

    String render(Machine machine, Instant started, Instant finished, String command) throws IOException {
        List<Goal> goals = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        body.append(routingSection(goals));
        body.append(scalingSection());
        body.append(fragment(HTTP, "Routing over HTTP", goals));
        body.append(fragment(LIFECYCLE, "Escalation lifecycle on PostgreSQL", goals));
        body.append(queueSection(goals));
        body.append(fragment(STARTUP, "Start to ready", goals));

        StringBuilder page = new StringBuilder();
        page.append("# Switchboard performance results\n\n");
        page.append("Written by `").append(command).append("`");
        if (started != null) {
            page.append(" on ")
                    .append(DateTimeFormatter.ISO_LOCAL_DATE.format(started.atOffset(ZoneOffset.UTC)))
                    .append(", which ran from ")
                    .append(clock(started))
                    .append(" to ")
                    .append(clock(finished))
                    .append(" UTC (")
                    .append(minutes(Duration.between(started, finished)))
                    .append(")");
        }
        page.append(". Everything below was measured in that one run, one part after the other, on this machine:\n\n");
        page.append("| | |\n| --- | --- |\n");
        page.append("| CPU | ").append(machine.cpu()).append(" |\n");
        page.append("| Memory | ").append(machine.memory()).append(" |\n");
        page.append("| OS | ").append(machine.os()).append(" |\n");
        page.append("| JDK | ").append(machine.jdk()).append(" |\n");
        page.append("| PostgreSQL | ").append(machine.postgres()).append(" |\n");
        page.append("| Code | commit `").append(machine.commit()).append("` |\n\n");
        page.append(
                "How each benchmark works, what its peers are and where the time goes is in [README.md](README.md).\n\n");
        page.append("## Goals\n\n");
        page.append("| goal | measured | |\n| --- | --- | --- |\n");
        for (Goal goal : goals) {
            page.append("| ")
                    .append(goal.goal())
                    .append(" | ")
                    .append(goal.measured())
                    .append(" | ")
                    .append(goal.verdict())
                    .append(" |\n");
        }
        page.append('\n').append(body);
        page.append(commandsSection());
        return page.toString();
    }

    private String routingSection(List<Goal> goals) throws IOException {
        StringBuilder text = new StringBuilder("## Routing in process\n\n");
        Path file = results.resolve(ROUTING);
        String goal = "Full decision, 500 characters, 5,000 keywords: median ≤ 2.5 µs on one core and below the best"
                + " Aho–Corasick library's bare scan";
        if (!Files.exists(file)) {
            goals.add(new Goal(goal, "not measured", false));
            return text.append("Not run.\n\n").toString();
        }
        JmhResults jmh = JmhResults.read(file);
        text.append("`RoutingBenchmark` (JMH, sample time, one thread). `decision` is the engine's full decision;")
                .append(" `peerHankcs` and `peerAhoCorasick` are the libraries' bare scans of the same keywords over")
                .append(" the same text, lower-cased beforehand. Times in µs; allocation in bytes per operation.\n\n");
        text.append(jmhTable(jmh.rows(), List.of("language", "policy")));
        List<String> cells = new ArrayList<>();
        boolean met = true;
        for (String language : List.of("zh", "ar", "en")) {
            Map<String, String> params = Map.of("language", language, "policy", "generated5k");
            Optional<JmhResults.Row> decision = jmh.find("decision", params);
            OptionalDoubleBest best =
                    OptionalDoubleBest.of(jmh.find("peerHankcs", params), jmh.find("peerAhoCorasick", params));
            if (decision.isEmpty() || best.row() == null) {
                met = false;
                cells.add(language + ": not measured");
                continue;
            }
            double p50 = decision.get().p50();
            boolean cell = p50 <= ROUTING_GOAL_MICROS && p50 < best.row().p50();
            met &= cell;
            cells.add(String.format(
                    Locale.ROOT,
                    "%s %.2f µs (%s %.2f µs)%s",
                    language,
                    p50,
                    best.row().benchmark(),
                    best.row().p50(),
                    cell ? "" : " ✗"));
        }
        goals.add(new Goal(goal, String.join("; ", cells), met));
        return text.append('\n').toString();
    }

    /** The faster (lower median) of the library rows present. */
    private record OptionalDoubleBest(JmhResults.Row row) {
        @SafeVarargs
        static OptionalDoubleBest of(Optional<JmhResults.Row>... rows) {
            JmhResults.Row best = null;
            for (Optional<JmhResults.Row> row : rows) {
                if (row.isPresent() && (best == null || row.get().p50() < best.p50())) {
                    best = row.get();
                }
            }
            return new OptionalDoubleBest(best);
        }
    }

    private String scalingSection() throws IOException {
        StringBuilder text = new StringBuilder("## How routing cost grows\n\n");
        Path file = results.resolve(SCALING);
        if (!Files.exists(file)) {
            return text.append("Not run.\n\n").toString();
        }
        JmhResults jmh = JmhResults.read(file);
        text.append("`RoutingScalingBenchmark` (JMH): the engine's full decision and hankcs' bare scan as the")
                .append(" message grows (5,000 keywords) and as the policy grows (500-character messages). Times in")
                .append(" µs.\n\n");
        List<String> params = new ArrayList<>(paramNames(jmh.rows()));
        text.append(jmhTable(jmh.rows(), params)).append('\n');
        return text.toString();
    }

    private String queueSection(List<Goal> goals) throws IOException {
        StringBuilder text = new StringBuilder("## The queue with a million open packets\n\n");
        Path file = results.resolve(QUEUE);
        String goal = "First page of the pending queue with 1,000,000 open packets ≤ 10 ms";
        if (!Files.exists(file)) {
            goals.add(new Goal(goal, "not measured", false));
            return text.append("Not run.\n\n").toString();
        }
        JmhResults jmh = JmhResults.read(file);
        text.append("`QueueBenchmark` (JMH, sample time, one thread) through the store as the API reads it, 50")
                .append(" packets a page, a tenant with 1,000,000 open packets beside one with 100,000. Times in")
                .append(" ms.\n\n");
        text.append(jmhTable(jmh.rows(), List.copyOf(paramNames(jmh.rows()))));
        List<String> cells = new ArrayList<>();
        boolean met = true;
        for (JmhResults.Row row : jmh.where(r -> r.benchmark().equals("firstPage"))) {
            double p99 = toMillis(row.p99(), row.unit());
            boolean cell = p99 <= QUEUE_GOAL_MILLIS;
            met &= cell;
            cells.add(String.format(
                    Locale.ROOT,
                    "%s p50 %.3f ms, p99 %.3f ms",
                    row.param("store"),
                    toMillis(row.p50(), row.unit()),
                    p99));
        }
        if (cells.isEmpty()) {
            met = false;
            cells.add("not measured");
        }
        goals.add(new Goal(goal, String.join("; ", cells), met));
        return text.append('\n').toString();
    }

    /**
     * A load generator's Markdown fragment ({@code name.md}) as written, and its goals from {@code name.json}
     * ({@code goals: [{goal, measured, met}]}).
     */
    private String fragment(String name, String title, List<Goal> goals) throws IOException {
        Path markdown = results.resolve(name + ".md");
        Path json = results.resolve(name + ".json");
        if (!Files.exists(markdown)) {
            goals.add(new Goal(title, "not measured", false));
            return "## " + title + "\n\nNot run.\n\n";
        }
        if (Files.exists(json)) {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            for (JsonNode goal : root.path("goals")) {
                goals.add(new Goal(
                        goal.path("goal").asText(),
                        goal.path("measured").asText(),
                        goal.path("met").asBoolean()));
            }
        }
        String text = Files.readString(markdown).strip();
        return text + "\n\n";
    }

    private String commandsSection() throws IOException {
        Path file = results.resolve(COMMANDS);
        if (!Files.exists(file)) {
            return "";
        }
        StringBuilder text = new StringBuilder("## Commands\n\n");
        text.append("What `bench/run.sh` ran, in order, and how long each part took:\n\n");
        text.append("| part | command | time |\n| --- | --- | ---: |\n");
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split("\t", 3);
            if (fields.length < 3) {
                continue;
            }
            text.append("| ")
                    .append(fields[0])
                    .append(" | `")
                    .append(fields[2].replace("|", "\\|"))
                    .append("` | ")
                    .append(minutes(Duration.ofSeconds(Long.parseLong(fields[1]))))
                    .append(" |\n");
        }
        return text.append('\n').toString();
    }

    static String jmhTable(List<JmhResults.Row> rows, List<String> params) {
        boolean alloc = rows.stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
        StringBuilder text = new StringBuilder("| benchmark |");
        params.forEach(p -> text.append(' ').append(p).append(" |"));
        text.append(" p50 | mean | p90 | p99 |")
                .append(alloc ? " alloc B/op |" : "")
                .append('\n');
        text.append("| --- |").append(" --- |".repeat(params.size())).append(" ---: | ---: | ---: | ---: |");
        text.append(alloc ? " ---: |" : "").append('\n');
        for (JmhResults.Row row : rows) {
            text.append("| ").append(row.benchmark()).append(" |");
            params.forEach(p -> text.append(' ').append(row.param(p)).append(" |"));
            text.append(' ').append(number(row.p50())).append(" |");
            text.append(' ').append(number(row.mean())).append(" |");
            text.append(' ').append(number(row.p90())).append(" |");
            text.append(' ').append(number(row.p99())).append(" |");
            if (alloc) {
                text.append(' ')
                        .append(Double.isNaN(row.allocBytesPerOp()) ? "" : Math.round(row.allocBytesPerOp()))
                        .append(" |");
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static Set<String> paramNames(List<JmhResults.Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.params().keySet()));
        return names;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value >= 100
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, value >= 10 ? "%.2f" : "%.3f", value);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us/op" -> value / 1000;
            case "ns/op" -> value / 1_000_000;
            case "s/op" -> value * 1000;
            default -> value;
        };
    }

    private static String clock(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm").format(instant.atOffset(ZoneOffset.UTC));
    }

    static String minutes(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
