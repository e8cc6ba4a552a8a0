package dev.switchboard.bench.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The event bench in a tiny configuration on SQLite: every webhook delivery arrives exactly once, correctly signed,
 * and recorded delivered; every event written in the stream window reaches the stream once; and the figures are
 * there.
 */
class EventBenchTest {
    @Test
    void tinyRunOnSqlite_everyEventDeliveredAndStreamedExactlyOnce() throws Exception {
        EventBench.Report report = EventBench.run(EventBench.Options.parse(
                "--stores", "sqlite",
                "--deliveries", "200",
                "--writers", "2",
                "--seconds", "0.5",
                "--warmup", "0.3",
                "--paced", "100",
                "--rate", "50"));

        assertThat(report.deliveries()).singleElement().satisfies(result -> {
            assertThat(result.exactlyOnce()).as(result.toString()).isTrue();
            assertThat(result.received()).isEqualTo(result.events()).isGreaterThanOrEqualTo(200 + 50);
            assertThat(result.phases())
                    .extracting(DeliveryBench.Phase::name)
                    .containsExactly("drain", "full speed", "paced 100/s");
            assertThat(result.phases().getFirst().created()).isEqualTo(200);
            // In a half-second full-speed window on SQLite the writers may starve the dispatcher entirely (see
            // bench/README.md); the drain and the paced window always deliver, and every event arrives in the end.
            assertThat(result.phases().getFirst().deliveredPerSecond()).isPositive();
            assertThat(result.phases().getLast().deliveredPerSecond()).isPositive();
        });
        assertThat(report.streams()).singleElement().satisfies(result -> {
            assertThat(result.path()).isEqualTo("same node");
            assertThat(result.exactlyOnce()).as(result.toString()).isTrue();
            assertThat(result.sent()).isEqualTo(25);
            assertThat(result.p50Millis()).isPositive();
        });
        assertThat(EventBench.deliveryTable(report.deliveries())).contains("| sqlite | drain 200 |");
        assertThat(EventBench.json(report, java.time.Instant.now())).contains("\"delivered_per_second\"");
    }
}
