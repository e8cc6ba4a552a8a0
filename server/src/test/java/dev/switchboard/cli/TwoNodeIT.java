package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.http.SseClient;
import dev.switchboard.store.PostgresEventRelay;
import dev.switchboard.store.TestDatabases;
import dev.switchboard.webhook.NodeReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4–5, several nodes on one PostgreSQL database: two server processes share a fresh database; writers create,
 * claim and resolve packets on both (claiming on the other node than the one that created), and some packets run past
 * their SLA while both nodes' sweepers race to expire them. Live streams are open on both nodes and one webhook
 * subscription takes every event type written. Then: every event of the audit trail reached every stream exactly
 * once; the receiver (which verifies each signature with the official {@code standardwebhooks} library) got each
 * event exactly once; each overdue packet was expired exactly once.
 */
class TwoNodeIT {
    private static final int WRITERS_PER_NODE = 3;
    private static final Duration LOAD = Duration.ofSeconds(3);
    private static final int OVERDUE = 20;
    private static final int MIN_LOAD_PACKETS = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String EVENTS =
            "[\"escalation.created\", \"escalation.assigned\", \"escalation.resolved\", \"escalation.expired\"]";

    @TempDir
    Path dataA;

    @TempDir
    Path dataB;

    @Test
    void twoNodesOnOnePostgres_everyEventOnEveryStream_eachDeliveredOnce_eachPacketExpiredOnce() throws Exception {
        TestDatabases.PostgresDatabase postgres = TestDatabases.freshPostgres();
        postgres.database().close();
        Map<String, String> env = Map.of(
                "SWITCHBOARD_DB_URL", postgres.url(),
                "SWITCHBOARD_DB_USER", postgres.user(),
                "SWITCHBOARD_WEBHOOK_ALLOW_PRIVATE", "true",
                "SWITCHBOARD_SLA_SWEEP_SECONDS", "0.2",
                "SWITCHBOARD_RATE_LIMIT", "100000");
        List<SseClient> streams = new ArrayList<>();
        try (ServerProcess a = ServerProcess.start(dataA, env);
                ServerProcess b = ServerProcess.start(dataB, env)) {
            List<ServerProcess> nodes = List.of(a, b);
            String admin = a.must(
                            "POST", "/v1/tenants", ServerProcess.ADMIN_TOKEN, "{\"id\": \"acme\", \"name\": \"Acme\"}")
                    .json()
                    .get("admin_key")
                    .asText();
            String agent = key(a, admin, "agent", "bot-1");
            String operator = key(b, admin, "operator", "operator-1");
            String secret = a.must("PUT", "/v1/webhooks/all", admin, subscription("http://127.0.0.1:9/"))
                    .json()
                    .get("secret")
                    .asText();
            try (NodeReceiver receiver = NodeReceiver.start(secret, 0)) {
                assertThat(b.must(
                                        "PUT",
                                        "/v1/webhooks/all",
                                        admin,
                                        subscription(receiver.url("/hooks").toString()))
                                .status())
                        .isEqualTo(200);
                awaitListeners(postgres.url(), 2);
                for (ServerProcess node : nodes) {
                    for (int i = 0; i < 2; i++) {
                        SseClient stream = SseClient.open(node.uri("/v1/events/stream"), operator, Map.of());
                        assertThat(stream.status()).isEqualTo(200);
                        streams.add(stream);
                    }
                }

                Set<String> packets = ConcurrentHashMap.newKeySet();
                List<String> overdue = new ArrayList<>();
                Instant due = Instant.now().plusSeconds(2);
                for (int i = 0; i < OVERDUE; i++) {
                    ServerProcess.Answer created = nodes.get(i % 2)
                            .must("POST", "/v1/escalations", agent, packet("late-" + i, due.toString()));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    overdue.add(created.json().get("id").asText());
                }
                packets.addAll(overdue);
                load(nodes, agent, operator, packets);

                // Every overdue packet expired, by one node or the other, once.
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                for (String id : overdue) {
                    while (!a.must("GET", "/v1/escalations/" + id, operator, null)
                                    .json()
                                    .get("status")
                                    .asText()
                                    .equals("expired")
                            && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                }
                Map<String, List<String>> trail = new HashMap<>();
                for (String id : packets) {
                    JsonNode items = b.must("GET", "/v1/escalations/" + id + "/events", operator, null)
                            .json()
                            .get("items");
                    List<String> types = new ArrayList<>();
                    for (JsonNode event : items) {
                        trail.put(
                                event.get("id").asText(),
                                List.of(id, event.get("type").asText()));
                        types.add(event.get("type").asText());
                    }
                    if (overdue.contains(id)) {
                        assertThat(types)
                                .as("events of overdue packet %s", id)
                                .containsExactly("escalation.created", "escalation.expired");
                    }
                }
                Set<String> expected = trail.keySet();
                assertThat(packets).hasSizeGreaterThanOrEqualTo(OVERDUE + MIN_LOAD_PACKETS);

                // Every event on every stream, once.
                for (SseClient stream : streams) {
                    List<SseClient.Frame> frames = stream.take(expected.size(), PATIENCE);
                    List<String> ids = frames.stream().map(SseClient.Frame::id).toList();
                    assertThat(ids).as("a stream's events").doesNotHaveDuplicates();
                    assertThat(new HashSet<>(ids)).as("a stream's events").isEqualTo(expected);
                    assertThat(stream.next(Duration.ofMillis(300)))
                            .as("nothing more")
                            .isNull();
                }

                // Every event delivered to the webhook, once.
                List<JsonNode> seen = awaitDeliveries(receiver, expected.size());
                assertThat(seen)
                        .allSatisfy(
                                r -> assertThat(r.path("verified").asBoolean()).isTrue());
                Map<String, Long> perId = seen.stream()
                        .collect(Collectors.groupingBy(r -> r.path("webhook_id").asText(), Collectors.counting()));
                assertThat(perId.keySet()).isEqualTo(expected);
                assertThat(perId.values()).as("deliveries per event").containsOnly(1L);
                System.out.printf(
                        "TwoNodeIT: %d packets (%d expired), %d events, each on %d streams and delivered once%n",
                        packets.size(), OVERDUE, expected.size(), streams.size());
            }
        } finally {
            streams.forEach(SseClient::close);
            TestDatabases.dropPostgres(postgres);
        }
    }

    /** Writers on both nodes: create on one, claim on the other, resolve on the first; until the time is up. */
    private static void load(List<ServerProcess> nodes, String agent, String operator, Set<String> packets)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 2 * WRITERS_PER_NODE; w++) {
            ServerProcess home = nodes.get(w % 2);
            ServerProcess other = nodes.get((w + 1) % 2);
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; running.get(); i++) {
                        ServerProcess.Answer created =
                                home.call("POST", "/v1/escalations", agent, packet("w" + writer + "-" + i, null));
                        if (created.status() != 201) {
                            failures.add("create: " + created.status() + " " + created.body());
                            return;
                        }
                        String id = created.json().get("id").asText();
                        packets.add(id);
                        ServerProcess.Answer claimed =
                                other.call("POST", "/v1/escalations/" + id + "/assign", operator, "{}");
                        ServerProcess.Answer resolved = home.call(
                                "POST",
                                "/v1/escalations/" + id + "/resolve",
                                operator,
                                "{\"action_taken\": \"approved\"}");
                        if (claimed.status() != 200 || resolved.status() != 200) {
                            failures.add("claim/resolve: " + claimed.body() + " / " + resolved.body());
                            return;
                        }
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread.sleep(LOAD.toMillis());
        // On a busy machine, go on until there is some load to speak of.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (packets.size() < OVERDUE + MIN_LOAD_PACKETS && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        running.set(false);
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(30));
        }
        assertThat(failures).isEmpty();
    }

    private static List<JsonNode> awaitDeliveries(NodeReceiver receiver, int events) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<JsonNode> seen = receiver.seen();
        while (seen.size() < events && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = receiver.seen();
        }
        Thread.sleep(1_000); // anything sent twice would arrive now
        return receiver.seen();
    }

    /** Waits until {@code count} relays LISTEN on the database (each node connects just after it starts). */
    private static void awaitListeners(String url, int count) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int listening = 0;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, "postgres", null);
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND application_name = '" + PostgresEventRelay.LISTEN_APPLICATION + "'")) {
                rs.next();
                listening = rs.getInt(1);
            }
            if (listening >= count) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(listening).as("nodes listening").isGreaterThanOrEqualTo(count);
    }

    private static String subscription(String url) {
        return "{\"url\": \"" + url + "\", \"events\": " + EVENTS + "}";
    }

    private static String packet(String entityId, String dueAt) {
        return "{\"title\": \"طلب 退款 refund\", \"entity_type\": \"order\", \"entity_id\": \"" + entityId
                + "\", \"reason\": \"missing_data\", \"priority\": \"medium\""
                + (dueAt == null ? "" : ", \"due_at\": \"" + dueAt + "\"") + "}";
    }

    private static String key(ServerProcess node, String admin, String role, String name) {
        return node.must("POST", "/v1/api-keys", admin, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}")
                .json()
                .get("key")
                .asText();
    }
}
