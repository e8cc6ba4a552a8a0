package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.PostgresEventRelay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live stream on PostgreSQL (required when {@code CI=true}), with a second node on the same database: events
 * written on either node reach the streams of both, once; a node whose listening connection breaks ends its streams,
 * and their clients, reconnecting with {@code Last-Event-ID}, miss nothing.
 */
class PostgresEventStreamApiTest extends EventStreamApiTest {
    private TestServer server;
    private TestServer peer;

    @BeforeAll
    void start() {
        server = TestServer.postgres(Map.of());
        peer = TestServer.postgresPeer(server, Map.of());
    }

    @AfterAll
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TestServer server() {
        return server;
    }

    @Test
    void eventsWrittenOnEitherNodeReachTheStreamsOfBoth_once() throws Exception {
        Keys keys = tenant();
        try (SseClient here = open(keys.operator(), "", Map.of());
                SseClient there = SseClient.open(peer.uri("/v1/events/stream"), keys.operator(), Map.of())) {
            assertThat(there.status()).isEqualTo(200);
            awaitRelays();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                TestServer writer = i % 2 == 0 ? server : peer;
                String id = create(writer, keys, "o-" + i);
                claim(i % 3 == 0 ? server : peer, keys, id);
                events(keys, id).forEach(e -> expected.add(e.path("id").asText()));
            }

            for (SseClient stream : List.of(here, there)) {
                List<SseClient.Frame> frames = stream.take(expected.size(), PATIENCE);
                assertThat(frames).extracting(SseClient.Frame::id).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(stream.next(QUIET)).as("nothing twice").isNull();
            }
            for (TestServer node : List.of(server, peer)) {
                String metrics = node.get("/metrics", null).body();
                assertThat(metric(metrics, "switchboard_event_streams")).isGreaterThanOrEqualTo(1);
                assertThat(metric(metrics, "switchboard_event_relay_received_total"))
                        .isPositive();
                assertThat(metric(metrics, "switchboard_event_relay_notifications_total"))
                        .isPositive();
                assertThat(metric(metrics, "switchboard_event_relay_dropped_total"))
                        .isZero();
            }
        }
    }

    private static double metric(String exposition, String name) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in /metrics"));
    }

    @Test
    void aNodeThatLostItsListeningConnectionEndsItsStreams_andTheClientsCatchUpOnReconnect() throws Exception {
        Keys keys = tenant();
        awaitRelays();
        try (SseClient stream = open(keys.operator(), "", Map.of())) {
            String first = create(peer, keys, "o-1");
            assertThat(stream.next(PATIENCE).json().path("escalation_id").asText())
                    .isEqualTo(first);
            String lastSeen = events(keys, first).get(0).path("id").asText();

            terminateRelayConnections();
            String missed = create(peer, keys, "o-2"); // may be written while this node is not listening

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!stream.ended() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(stream.ended())
                    .as("the stream ends once the node listens again")
                    .isTrue();

            try (SseClient again = open(keys.operator(), "", Map.of("Last-Event-ID", lastSeen))) {
                List<String> seen = new ArrayList<>();
                for (SseClient.Frame frame = again.next(PATIENCE); frame != null; frame = again.next(QUIET)) {
                    seen.add(frame.json().path("escalation_id").asText());
                }
                assertThat(seen).contains(missed);
            }
        }
    }

    /** Waits until both nodes listen (they connect just after start). */
    private void awaitRelays() throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (relayConnections() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(relayConnections()).isGreaterThanOrEqualTo(2);
    }

    private int relayConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", null);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = '" + PostgresEventRelay.LISTEN_APPLICATION + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Breaks this database's relay connections, as a network failure would. */
    private void terminateRelayConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl(), "postgres", null);
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name IN ('" + PostgresEventRelay.LISTEN_APPLICATION + "', '"
                    + PostgresEventRelay.NOTIFY_APPLICATION + "')");
        }
    }

    private String databaseUrl() {
        return server.server().config().databaseUrl();
    }
}
