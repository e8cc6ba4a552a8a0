package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.http.TestServer.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/events/stream} end to end over real HTTP: live events of the caller's tenant only, replay after
 * {@code Last-Event-ID}, the type filter, who may listen, and bad input answered before the stream opens. Run on
 * SQLite and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStreamApiTest {
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    protected abstract TestServer server();

    record Keys(String admin, String operator, String agent) {}

    Keys tenant() {
        String admin = server().createTenant("s-" + UUID.randomUUID().toString().substring(0, 8));
        return new Keys(
                admin,
                server().createKey(admin, "operator", "operator-1"),
                server().createKey(admin, "agent", "bot-1"));
    }

    static String create(TestServer server, Keys keys, String entityId) {
        String body = """
                {"title": "استرداد 退款 refund", "entity_type": "order", "entity_id": "%s",
                 "reason": "missing_data", "priority": "high"}""".formatted(entityId);
        Response created = server.post("/v1/escalations", keys.agent(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static void claim(TestServer server, Keys keys, String id) {
        Response claimed = server.post("/v1/escalations/" + id + "/assign", keys.operator(), "{}");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
    }

    static void resolve(TestServer server, Keys keys, String id) {
        Response resolved =
                server.post("/v1/escalations/" + id + "/resolve", keys.operator(), "{\"action_taken\": \"approved\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }

    SseClient open(String token, String query, Map<String, String> headers) {
        return SseClient.open(server().uri("/v1/events/stream" + query), token, headers);
    }

    List<JsonNode> events(Keys keys, String id) {
        return server().get("/v1/escalations/" + id + "/events", keys.operator())
                .json()
                .path("items")
                .valueStream()
                .toList();
    }

    @Test
    void newEventsOfTheTenantArriveLive_asTheyAreInTheAuditTrail() throws Exception {
        Keys keys = tenant();
        try (SseClient stream = open(keys.operator(), "", Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(stream.header("Cache-Control")).isEqualTo("no-store");

            String id = create(server(), keys, "o-1");
            claim(server(), keys, id);

            List<SseClient.Frame> frames = stream.take(2, PATIENCE);
            assertThat(frames)
                    .extracting(SseClient.Frame::event)
                    .containsExactly("escalation.created", "escalation.assigned");
            List<JsonNode> trail = events(keys, id);
            assertThat(frames)
                    .extracting(SseClient.Frame::id)
                    .containsExactly(
                            trail.get(0).path("id").asText(),
                            trail.get(1).path("id").asText());
            JsonNode created = frames.get(0).json();
            assertThat(created.path("id").asText()).isEqualTo(frames.get(0).id());
            assertThat(created.path("type").asText()).isEqualTo("escalation.created");
            assertThat(created.path("escalation_id").asText()).isEqualTo(id);
            assertThat(created.path("tenant_id").asText()).isNotEmpty();
            assertThat(created.path("actor").asText()).isEqualTo("bot-1");
            assertThat(created.path("data").path("title").asText()).isEqualTo("استرداد 退款 refund");
            assertThat(frames.get(1).json().path("data").path("assigned_to").asText())
                    .isEqualTo("operator-1");
            assertThat(stream.retry()).isEqualTo("2000");
        }
    }

    @Test
    void anotherTenantsEventsAreNotSeen() throws Exception {
        Keys mine = tenant();
        Keys theirs = tenant();
        try (SseClient stream = open(mine.operator(), "", Map.of())) {
            create(server(), theirs, "o-theirs");
            String id = create(server(), mine, "o-mine");

            SseClient.Frame first = stream.next(PATIENCE);
            assertThat(first).isNotNull();
            assertThat(first.json().path("escalation_id").asText()).isEqualTo(id);
            assertThat(stream.next(QUIET)).isNull();
        }
    }

    @Test
    void aClientReconnectingWithLastEventId_isReplayedWhatItMissed_thenGoesOnLive() throws Exception {
        Keys keys = tenant();
        String id = create(server(), keys, "o-1");
        claim(server(), keys, id);
        resolve(server(), keys, id);
        List<JsonNode> trail = events(keys, id);
        assertThat(trail).hasSize(3);

        try (SseClient stream = open(
                keys.operator(),
                "",
                Map.of("Last-Event-ID", trail.get(0).path("id").asText()))) {
            List<SseClient.Frame> replayed = stream.take(2, PATIENCE);
            assertThat(replayed)
                    .extracting(SseClient.Frame::id)
                    .containsExactly(
                            trail.get(1).path("id").asText(),
                            trail.get(2).path("id").asText());
            assertThat(replayed)
                    .extracting(SseClient.Frame::event)
                    .containsExactly("escalation.assigned", "escalation.resolved");

            String next = create(server(), keys, "o-2");
            SseClient.Frame live = stream.next(PATIENCE);
            assertThat(live.event()).isEqualTo("escalation.created");
            assertThat(live.json().path("escalation_id").asText()).isEqualTo(next);
            assertThat(stream.next(QUIET)).as("nothing twice").isNull();
        }
        // The query parameter serves clients that cannot set the header.
        try (SseClient stream = open(
                keys.operator(), "?last_event_id=" + trail.get(1).path("id").asText(), Map.of())) {
            assertThat(stream.take(2, PATIENCE))
                    .extracting(SseClient.Frame::event)
                    .containsExactly("escalation.resolved", "escalation.created");
        }
    }

    @Test
    void aLongReplaySpansPages() throws Exception {
        Keys keys = tenant();
        String first = null;
        int packets = 260; // 520 events after the first: more than one replay page
        for (int i = 0; i < packets; i++) {
            String id = create(server(), keys, "o-" + i);
            claim(server(), keys, id);
            if (first == null) {
                first = events(keys, id).get(0).path("id").asText();
            }
        }
        try (SseClient stream = open(keys.operator(), "", Map.of("Last-Event-ID", first))) {
            List<SseClient.Frame> replayed = stream.take(2 * packets - 1, PATIENCE);
            assertThat(replayed).hasSize(2 * packets - 1);
            assertThat(replayed)
                    .extracting(SseClient.Frame::id)
                    .doesNotHaveDuplicates()
                    .isSorted();
            assertThat(stream.next(QUIET)).isNull();
        }
    }

    @Test
    void theTypesFilterKeepsOnlyThoseTypes() throws Exception {
        Keys keys = tenant();
        try (SseClient stream = open(keys.operator(), "?types=escalation.resolved,escalation.cancelled", Map.of())) {
            String id = create(server(), keys, "o-1");
            claim(server(), keys, id);
            resolve(server(), keys, id);

            SseClient.Frame only = stream.next(PATIENCE);
            assertThat(only.event()).isEqualTo("escalation.resolved");
            assertThat(stream.next(QUIET)).isNull();
        }
    }

    @Test
    void policyUpdatesAreStreamedToo() throws Exception {
        Keys keys = tenant();
        String policy =
                server().get("/v1/policy", keys.admin()).json().get("policy").toString();
        try (SseClient stream = open(keys.admin(), "?types=policy.updated", Map.of())) {
            Response put = server().json("PUT", "/v1/policy", keys.admin(), policy);
            assertThat(put.status()).as(put.toString()).isEqualTo(200);

            SseClient.Frame updated = stream.next(PATIENCE);
            assertThat(updated.event()).isEqualTo("policy.updated");
            assertThat(updated.json().path("escalation_id").isNull()).isTrue();
        }
    }

    @Test
    void onlyOperatorsAndAboveMayListen() {
        Keys keys = tenant();
        try (SseClient agent = open(keys.agent(), "", Map.of())) {
            assertThat(agent.status()).isEqualTo(403);
            assertThat(agent.header("Content-Type")).startsWith("application/problem+json");
        }
        try (SseClient nobody = open(null, "", Map.of())) {
            assertThat(nobody.status()).isEqualTo(401);
        }
        String supervisor = server().createKey(keys.admin(), "supervisor", "lead-1");
        try (SseClient lead = open(supervisor, "", Map.of())) {
            assertThat(lead.status()).isEqualTo(200);
        }
    }

    @Test
    void badInputIsAnsweredBeforeTheStreamOpens() {
        Keys keys = tenant();
        try (SseClient badId = open(keys.operator(), "", Map.of("Last-Event-ID", "not-an-id"))) {
            assertThat(badId.status()).isEqualTo(422);
            assertThat(badId.errorBody()).contains("Last-Event-ID");
        }
        try (SseClient badType = open(keys.operator(), "?types=escalation.created,nope", Map.of())) {
            assertThat(badType.status()).isEqualTo(422);
            assertThat(badType.errorBody()).contains("\"field\":\"types\"").contains("escalation.resolved");
        }
        try (SseClient unknown = open(keys.operator(), "?since=yesterday", Map.of())) {
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.errorBody()).contains("\"field\":\"since\"");
        }
    }
}
