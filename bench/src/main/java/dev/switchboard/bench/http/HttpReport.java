package dev.switchboard.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link HttpBench}'s results as a Markdown fragment for a results page, and as JSON. */
final class HttpReport {
    private HttpReport() {}

    static String markdown(HttpBench.Report report) {
        StringBuilder md = new StringBuilder("## Routing over HTTP\n\n");
        md.append(routingParagraph(report)).append("\n\n");
        md.append(routingTable(report)).append('\n');
        md.append(report.goal().line()).append('\n');
        if (report.sustained() != null) {
            md.append("\n### Resident memory under load\n\n");
            md.append(memoryParagraph(report)).append("\n\n");
            md.append(memoryTable(report.memory())).append('\n');
            md.append(sustainedTable(report)).append('\n');
            md.append(sustainedLine(report)).append('\n');
        }
        return md.toString();
    }

    private static String routingParagraph(HttpBench.Report r) {
        HttpBench.Options o = r.options();
        List<String> messages = WrkScript.fixtureMessages();
        return String.format(
                Locale.ROOT,
                "`HttpBench` started the server as its own process, `java %s -jar switchboard.jar serve` (%s, default"
                        + " heap settings), on %s, with `SWITCHBOARD_RATE_LIMIT=%s`: the per-key rate limit (1,000"
                        + " requests/s by default) would otherwise cap the load. %s on the same machine (%d CPUs, shared"
                        + " with the server) drove it with %d connections on %d threads (keep-alive, %d s timeout):"
                        + " `GET /health/live`, and `POST /v1/route` with an agent key, cycling through %,d"
                        + " pre-formatted requests, one per session (`bench-s-0` … `bench-s-%d`), whose %d messages"
                        + " take turns: the bench's fixtures for the default policy in Chinese, Arabic and English, 500"
                        + " characters each, and the first %d characters of each. Before any window the bench sent each"
                        + " of these requests once from Java, so every session exists (%,d of them handed to a human"
                        + " by a transfer, with an escalation) and the windows route known sessions. %s%d round%s of"
                        + " %d s windows"
                        + " alternated live and route. An endpoint's figures are those of its median round by requests"
                        + " per second (of an even number, the slower middle one). Server CPU is the server process's"
                        + " user + system time in the window (`/proc/<pid>/stat`), per request and in cores busy; of"
                        + " it, the decision log's writer thread's (`/proc/<pid>/task/<tid>/stat`), which stores each"
                        + " decision in the background, per request; wrk's likewise. Latencies are wrk's percentiles,"
                        + " which wrk 4 corrects for coordinated omission: an answer that took at least twice the mean"
                        + " interval between a connection's requests adds samples for the requests it held back, so"
                        + " with a long tail they exceed the answers' own times. Errors are socket errors (connect,"
                        + " read, write, timeout) and responses with a status of 400 or more, counted in every"
                        + " window%s.",
                String.join(" ", HttpBench.JVM_FLAGS),
                "Java " + Runtime.version().feature(),
                o.store().equals(HttpBench.POSTGRES)
                        ? "a fresh PostgreSQL database on the same machine"
                        : "a fresh SQLite data folder",
                HttpBench.RATE_LIMIT,
                "`" + r.wrkVersion() + "`",
                Runtime.getRuntime().availableProcessors(),
                o.connections(),
                o.wrkThreads(),
                Wrk.TIMEOUT_SECONDS,
                WrkScript.SESSIONS,
                WrkScript.SESSIONS - 1,
                messages.size(),
                WrkScript.SHORT_LENGTH,
                r.primed().escalations(),
                o.warmup() > 0 ? "After a warmup of " + o.warmup() + " s per endpoint (route, then live), " : "",
                o.rounds(),
                o.rounds() == 1 ? "" : "s",
                o.seconds(),
                o.warmup() > 0 ? ", the warmup included" : "");
    }

    static String routingTable(HttpBench.Report r) {
        StringBuilder table = new StringBuilder(
                "| endpoint | round | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | server CPU µs/req"
                        + " | of which decision log | server cores | wrk cores |\n"
                        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<Window> measured = r.windows().stream()
                .filter(w -> w.phase().equals(Window.MEASURED))
                .sorted(Comparator.comparing(Window::endpoint).thenComparingInt(Window::round))
                .toList();
        for (Window w : measured) {
            boolean median = w == r.live() || w == r.route();
            WrkSummary s = w.summary();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d%s | %s | %.2f | %.2f | %s | %.2f | %.1f | %,d | %.0f | %.1f | %.2f | %.2f |%n",
                    "`" + w.endpoint() + "`",
                    w.round(),
                    median ? " (median)" : "",
                    median
                            ? String.format(Locale.ROOT, "**%,.0f**", s.requestsPerSecond())
                            : String.format(Locale.ROOT, "%,.0f", s.requestsPerSecond()),
                    s.p50Micros() / 1e3,
                    s.p90Micros() / 1e3,
                    median
                            ? String.format(Locale.ROOT, "**%.2f**", s.p99Micros() / 1e3)
                            : String.format(Locale.ROOT, "%.2f", s.p99Micros() / 1e3),
                    s.p999Micros() / 1e3,
                    s.maxMicros() / 1e3,
                    s.errors(),
                    w.serverCpuMicrosPerRequest(),
                    w.decisionLogCpuMicrosPerRequest(),
                    w.serverCores(),
                    w.wrkCores()));
        }
        return table.toString();
    }

    private static String memoryParagraph(HttpBench.Report r) {
        long memTotal = ProcFs.memTotalKib();
        return String.format(
                Locale.ROOT,
                "The server's resident set (`VmRSS` of `/proc/<pid>/status`), sampled every %d ms while the windows"
                        + " above ran, then in a sustained window of %d s: wrk kept routing as above while the bench"
                        + " created, claimed and resolved escalations over HTTP at %.0f lifecycles/s, open loop (Java's"
                        + " HTTP client; the agent key creates, an operator key claims and resolves). The server runs"
                        + " with the JVM's default heap settings (no `-Xmx`: the heap may grow to a quarter of the"
                        + " machine's memory%s), so these figures are what an untuned server takes, not a bound."
                        + " The peak is the kernel's `VmHWM` at the end.",
                RssSampler.PERIOD_MILLIS,
                r.options().sustained(),
                r.options().lifecycles(),
                memTotal > 0 ? String.format(Locale.ROOT, ", %.0f GiB here", memTotal / 1024.0 / 1024.0) : "");
    }

    static String memoryTable(HttpBench.Memory m) {
        return "| moment | RSS MiB |\n| --- | ---: |\n"
                + row("at ready, idle", m.readyKib())
                + row("largest sample, warmup and measured windows", m.routingMaxKib())
                + row("largest sample, sustained window", m.sustainedMaxKib())
                + row("end of the sustained window", m.sustainedEndKib())
                + row("peak (`VmHWM`)", m.peakKib());
    }

    private static String row(String moment, long kib) {
        return String.format(Locale.ROOT, "| %s | %s |%n", moment, kib < 0 ? "—" : String.format("%,d", kib / 1024));
    }

    private static String sustainedTable(HttpBench.Report r) {
        WrkSummary s = r.sustained().summary();
        EscalationTraffic.Result t = r.traffic();
        return "| sustained window | route req/s | route p99 ms | route errors | lifecycles | lifecycles/s |"
                + " lifecycle p50 ms | lifecycle p99 ms | lifecycle errors | server cores |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + String.format(
                        Locale.ROOT,
                        "| %d s | %,.0f | %.2f | %,d | %,d | %.1f | %.1f | %.1f | %,d | %.2f |%n",
                        r.options().sustained(),
                        s.requestsPerSecond(),
                        s.p99Micros() / 1e3,
                        s.errors(),
                        t.completed(),
                        t.completed() / s.seconds(),
                        t.p50Millis(),
                        t.p99Millis(),
                        t.errors(),
                        r.sustained().serverCores());
    }

    private static String sustainedLine(HttpBench.Report r) {
        long errors = r.sustained().summary().errors() + r.traffic().errors();
        return String.format(
                Locale.ROOT,
                "Zero errors expected in the sustained window — %s (%,d route errors, %,d lifecycle errors%s)",
                errors == 0 ? "met" : "not met",
                r.sustained().summary().errors(),
                r.traffic().errors(),
                r.traffic().firstError() == null
                        ? ""
                        : "; the first: " + r.traffic().firstError());
    }

    static String json(HttpBench.Report report) throws JsonProcessingException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("at", Instant.now().toString());
        document.put("java", Runtime.version().toString());
        document.put("cpus", Runtime.getRuntime().availableProcessors());
        document.put("wrk", report.wrkVersion());
        document.put("options", options(report.options()));
        document.put("rate_limit", HttpBench.RATE_LIMIT);
        document.put("ready_millis", report.readyMillis());
        document.put("primed", report.primed());
        document.put("windows", report.windows());
        document.put("median_live", report.live());
        document.put("median_route", report.route());
        Map<String, Object> goal = new LinkedHashMap<>();
        goal.put("connections", report.goal().connections());
        goal.put("ratio", report.goal().ratio());
        goal.put("p99_millis", report.goal().p99Millis());
        goal.put("errors", report.goal().errors());
        goal.put("met", report.goal().met());
        document.put("goal", goal);
        document.put("goals", List.of(report.goal().asGoal(report.route(), report.live())));
        document.put("memory_kib", report.memory());
        document.put("sustained", report.sustained());
        document.put("lifecycles", report.traffic());
        return JsonDocuments.write(document);
    }

    private static Map<String, Object> options(HttpBench.Options o) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("jar", o.jar().toString());
        options.put("store", o.store());
        options.put("connections", o.connections());
        options.put("wrk_threads", o.wrkThreads());
        options.put("warmup_seconds", o.warmup());
        options.put("window_seconds", o.seconds());
        options.put("rounds", o.rounds());
        options.put("sustained_seconds", o.sustained());
        options.put("lifecycles_per_second", o.lifecycles());
        return options;
    }
}
