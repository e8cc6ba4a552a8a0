package dev.switchboard.http;

import dev.switchboard.decisionlog.DecisionLog;
import dev.switchboard.event.EventStreams;
import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.Decision;
import dev.switchboard.store.PostgresEventRelay;
import dev.switchboard.webhook.DispatchObserver;
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
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus metrics: HTTP requests by route template and status, decisions by mode and reason, the
 * decision latency histogram, the decision log's written, pending and dropped counts, webhook delivery attempts by
 * outcome with their duration and the lag from event to delivery, and the JVM's. Thread-safe.
 */
public final class Metrics implements DispatchObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer decisionLatency;
    private final Map<Outcome, Counter> webhookAttempts = new EnumMap<>(Outcome.class);
    private final Timer webhookAttempt;
    private final Timer webhookLag;
    /*
     * Meters by their tags, looked up per request: building a meter's id and finding it in the registry costs more
     * than the rest of a health check. Both key sets are bounded (route templates, statuses, modes, reason codes).
     */
    private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final Map<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();

    private record RequestKey(String method, String route, int status) {}

    private record DecisionKey(String mode, String reason) {}

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
        for (Outcome outcome : Outcome.values()) {
            webhookAttempts.put(
                    outcome,
                    Counter.builder("switchboard.webhook.attempts")
                            .description("Webhook delivery attempts by outcome: delivered, retry (pending again), "
                                    + "failed (given up), cancelled (no longer wanted, nothing sent)")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        webhookAttempt = Timer.builder("switchboard.webhook.attempt")
                .description("Time to send one webhook delivery attempt, until the answer or the error")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(20))
                .register(registry);
        webhookLag = Timer.builder("switchboard.webhook.delivery.lag")
                .description("Time from an event to its successful webhook delivery, retries included")
                .serviceLevelObjectives(
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        Duration.ofHours(6),
                        Duration.ofHours(24))
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
    }

    /** Shows how many live event streams are open on this node. */
    public void watch(EventStreams streams) {
        Gauge.builder("switchboard.event.streams", streams, EventStreams::openCount)
                .description("Live event streams open on this node")
                .register(registry);
    }

    /** Counts what the relay between nodes sharing a PostgreSQL database sends, receives and drops. */
    public void watch(PostgresEventRelay relay) {
        FunctionCounter.builder("switchboard.event.relay.notifications", relay, PostgresEventRelay::sent)
                .description("Notifications this node sent to the other nodes (each names a batch of events)")
                .register(registry);
        FunctionCounter.builder("switchboard.event.relay.received", relay, PostgresEventRelay::received)
                .description("Events of other nodes this node's streams were given")
                .register(registry);
        FunctionCounter.builder("switchboard.event.relay.dropped", relay, PostgresEventRelay::dropped)
                .description("Events not relayed to other nodes because the database was unreachable for long")
                .register(registry);
    }

    /** Counts a decision and records how long it took. */
    public void decided(Decision decision, long nanos) {
        decisionLatency.record(nanos, TimeUnit.NANOSECONDS);
        String mode = WireEnum.code(decision.mode());
        String reason = decision.reasonCode() == null ? "none" : decision.reasonCode();
        decisions
                .computeIfAbsent(
                        new DecisionKey(mode, reason),
                        key -> Counter.builder("switchboard.decisions")
                                .description("Routing decisions by mode and reason")
                                .tag("mode", key.mode())
                                .tag("reason", key.reason())
                                .register(registry))
                .increment();
    }

    /** Counts a webhook delivery attempt, and records how long it took and, when delivered, the lag. */
    @Override
    public void attempted(Outcome outcome, Duration took, Duration lag) {
        webhookAttempts.get(outcome).increment();
        if (took != null) {
            webhookAttempt.record(took);
        }
        if (lag != null) {
            webhookLag.record(lag);
        }
    }

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** A request method as a metric tag: one of the standard ones, else {@code OTHER} (bounded cardinality). */
    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    /** Records one HTTP request. */
    public void request(String method, String route, int status, long nanos) {
        requests.computeIfAbsent(
                        new RequestKey(method, route, status),
                        key -> Timer.builder("http.server.requests")
                                .description("HTTP requests by method, route template and status")
                                .tag("method", key.method())
                                .tag("route", key.route())
                                .tag("status", String.valueOf(key.status()))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
