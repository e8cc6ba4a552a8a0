package dev.switchboard.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final Machine MACHINE =
            new Machine("2 CPUs (test)", "24.0 GiB", "Linux", "JDK 25", "server_version=15", "abc123");

    @TempDir
    Path results;

    @Test
    void routingGoalNeedsEveryLanguageUnderTheLineAndBelowTheFasterLibrary() throws Exception {
        StringBuilder json = new StringBuilder("[");
        String[] languages = {"zh", "ar", "en"};
        for (String language : languages) {
            double engine = language.equals("en") ? 2.6 : 1.5;
            json.append(row("decision", language, "generated5k", engine)).append(',');
            json.append(row("peerHankcs", language, "generated5k", 1.8)).append(',');
            json.append(row("peerAhoCorasick", language, "generated5k", 5.0)).append(',');
        }
        json.setLength(json.length() - 1);
        Files.writeString(results.resolve(Report.ROUTING), json.append(']'));

        String page = render();

        assertThat(page).contains("| decision | zh | generated5k | 1.500 |");
        assertThat(goalLine(page, "Full decision"))
                .contains("zh 1.50 µs (peerHankcs 1.80 µs)")
                .contains("en 2.60 µs (peerHankcs 1.80 µs) ✗")
                .endsWith("**not met** |");
    }

    @Test
    void routingGoalMetWhenFasterThanEveryLibraryEverywhere() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (String language : new String[] {"zh", "ar", "en"}) {
            json.append(row("decision", language, "generated5k", 1.2)).append(',');
            json.append(row("peerHankcs", language, "generated5k", 1.3)).append(',');
        }
        json.setLength(json.length() - 1);
        Files.writeString(results.resolve(Report.ROUTING), json.append(']'));

        assertThat(goalLine(render(), "Full decision")).endsWith("**met** |");
    }

    @Test
    void missingPartsAreNotMeasuredAndNotMet() throws Exception {
        String page = render();

        assertThat(page).contains("## Routing in process\n\nNot run.");
        assertThat(goalLine(page, "First page")).contains("not measured").endsWith("**not met** |");
        assertThat(goalLine(page, "Routing over HTTP")).endsWith("**not met** |");
    }

    @Test
    void fragmentsAreIncludedWithTheirGoals() throws Exception {
        Files.writeString(results.resolve("http.md"), "## Routing over HTTP\n\nA table.\n");
        Files.writeString(results.resolve("http.json"), """
                {"goals": [{"goal": "POST /v1/route ≥ 80 % of GET /health/live", "measured": "91 %", "met": true}]}
                """);
        Files.writeString(results.resolve(Report.COMMANDS), "http\t75\tjava -cp x HttpBench\n");

        String page = render();

        assertThat(page).contains("## Routing over HTTP\n\nA table.");
        assertThat(goalLine(page, "POST /v1/route")).contains("91 %").endsWith("**met** |");
        assertThat(page).contains("| http | `java -cp x HttpBench` | 1 min 15 s |");
        assertThat(page).contains("| Code | commit `abc123` |");
    }

    @Test
    void queueGoalReadsTheFirstPagePerStoreInMilliseconds() throws Exception {
        Files.writeString(
                results.resolve(Report.QUEUE),
                "[" + queueRow("postgresql", 0.33, 0.57) + "," + queueRow("sqlite", 0.40, 12.5) + "]");

        assertThat(goalLine(render(), "First page"))
                .contains("postgresql p50 0.330 ms, p99 0.570 ms")
                .contains("sqlite p50 0.400 ms, p99 12.500 ms")
                .endsWith("**not met** |");
    }

    private String render() throws Exception {
        return new Report(results)
                .render(MACHINE, Instant.parse("2026-11-21T12:00:00Z"), Instant.parse("2026-11-21T12:45:30Z"), "x");
    }

    private static String goalLine(String page, String start) {
        return page.lines()
                .filter(l -> l.startsWith("| " + start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no goal line " + start + " in\n" + page));
    }

    private static String row(String benchmark, String language, String policy, double p50) {
        return String.format(Locale.ROOT, """
                {"benchmark": "dev.switchboard.bench.RoutingBenchmark.%s", "mode": "sample",
                 "params": {"language": "%s", "policy": "%s"},
                 "primaryMetric": {"score": %f, "scoreUnit": "us/op",
                   "scorePercentiles": {"50.0": %f, "90.0": %f, "99.0": %f}},
                 "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 2048.0}}}""", benchmark, language, policy, p50 * 1.1, p50, p50 * 1.2, p50 * 2);
    }

    private static String queueRow(String store, double p50, double p99) {
        return String.format(Locale.ROOT, """
                {"benchmark": "dev.switchboard.bench.queue.QueueBenchmark.firstPage", "mode": "sample",
                 "params": {"store": "%s"},
                 "primaryMetric": {"score": %f, "scoreUnit": "ms/op",
                   "scorePercentiles": {"50.0": %f, "90.0": %f, "99.0": %f}}}""", store, p50, p50, p50, p99);
    }
}
