package dev.switchboard.bench.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A run's {@link Report} as JSON; NaN (no CPU figure, no peer, no pgbench) is written as {@code null}. */
final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    static String write(Report report, Instant at, String durability, long warmupSeconds, long measureSeconds) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("at", at.toString())
                .put("durability", durability)
                .put("pool_size", BenchDatabase.POOL_SIZE)
                .put("warmup_s", warmupSeconds)
                .put("measure_s", measureSeconds)
                .put("commits_per_lifecycle", SwitchboardPeer.COMMITS_PER_LIFECYCLE);
        ArrayNode results = json.putArray("results");
        report.results().forEach(r -> result(results.addObject(), r));
        ArrayNode pgbench = json.putArray("pgbench");
        report.ceilings().forEach(c -> ceiling(pgbench.addObject(), c));
        ArrayNode switchboard = json.putArray("switchboard");
        report.standings().forEach(s -> standing(switchboard.addObject(), s));
        ObjectNode goal = json.putObject("goal").put("times_faster_peer", Report.GOAL_TIMES);
        report.goalThreads(true).forEach(goal.putArray("met_at")::add);
        report.goalThreads(false).forEach(goal.putArray("not_met_at")::add);
        goal.put("line", report.goal());
        // The results report's goals table: {goal, measured, met}.
        json.putArray("goals")
                .addObject()
                .put("goal", "Escalation lifecycle on PostgreSQL ≥ 5× the faster of Flowable and Camunda")
                .put("measured", report.goalMeasured())
                .put(
                        "met",
                        report.goalThreads(false).isEmpty()
                                && !report.goalThreads(true).isEmpty());
        try {
            return MAPPER.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void result(ObjectNode json, Result r) {
        json.put("peer", r.peer())
                .put("threads", r.threads())
                .put("lifecycles", r.lifecycles())
                .put("seconds", r.seconds())
                .put("per_second", r.perSecond())
                .put("errors", r.errors());
        number(json, "p50_ms", r.p50Millis());
        number(json, "p99_ms", r.p99Millis());
        number(json, "cpu_busy", r.cpuBusy());
    }

    private static void ceiling(ObjectNode json, Ceiling c) {
        json.put("clients", c.clients())
                .put("transactions", c.transactions())
                .put("failed", c.failed())
                .put("tps", c.tps());
        number(json, "latency_ms", c.latencyMillis());
        number(json, "cpu_busy", c.cpuBusy());
    }

    private static void standing(ObjectNode json, Standing s) {
        json.put("threads", s.threads())
                .put("lifecycles_per_second", s.switchboard().perSecond())
                .put("commits_per_second", s.commitsPerSecond());
        number(
                json,
                "pgbench_tps",
                s.ceiling() == null ? Double.NaN : s.ceiling().tps());
        number(json, "ceiling_fraction", s.ceilingFraction());
        json.put("faster_peer", s.fasterPeer() == null ? null : s.fasterPeer().peer());
        number(json, "times_faster_peer", s.timesFaster());
    }

    private static void number(ObjectNode json, String field, double value) {
        if (Double.isFinite(value)) {
            json.put(field, value);
        } else {
            json.putNull(field);
        }
    }
}
