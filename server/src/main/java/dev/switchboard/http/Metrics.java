package dev.switchboard.http;

import dev.switchboard.decisionlog.DecisionLog;
import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The server's Prometheus metrics: HTTP requests by route template and status, decisions by mode and reason, the
 * decision latency histogram, the decision log's written, pending and dropped counts, and the JVM's. Thread-safe.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer decisionLatency;

    public Metrics(DecisionLog decisionLog) {
        decisionLatency = Timer.builder("switchboard.decision")
                .description("Time to take one routing decision (policy lookup, scan, decide)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(50))
                .register(registry);
        FunctionCounter.builder("switchboard.decision.log.dropped", decisionLog, DecisionLog::dropped)
                .description("Decisions the decision log could not keep (queue full or write failed)")
                .register(registry);
        FunctionCounter.builder("switchboard.decision.log.written", decisionLog, DecisionLog::written)
                .description("Decisions written to the decision log")
                .register(registry);
        Gauge.builder("switchboard.decision.log.pending", decisionLog, DecisionLog::pending)
                .description("Decisions waiting to be written")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
    }

    /** Counts a decision and records how long it took. */
    public void decided(Decision decision, long nanos) {
        decisionLatency.record(Duration.ofNanos(nanos));
        Counter.builder("switchboard.decisions")
                .description("Routing decisions by mode and reason")
                .tag("mode", WireEnum.code(decision.mode()))
                .tag("reason", decision.reasonCode() == null ? "none" : decision.reasonCode())
                .register(registry)
                .increment();
    }

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** A request method as a metric tag: one of the standard ones, else {@code OTHER} (bounded cardinality). */
    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    /** Records one HTTP request. */
    public void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", String.valueOf(status))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
