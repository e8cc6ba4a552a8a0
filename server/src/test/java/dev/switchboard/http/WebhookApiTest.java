package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.http.TestServer.Response;
import dev.switchboard.webhook.NodeReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks end to end over real HTTP: subscriptions, deliveries from the outbox to a receiver that verifies every
 * signature with the official {@code standardwebhooks} npm library, retries with the same {@code webhook-id}, order
 * per packet, push resume, the delivery metrics, and the SSRF guard. Run on SQLite and on PostgreSQL by the
 * subclasses, whose servers allow private targets (the receivers listen on 127.0.0.1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookApiTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    protected abstract TestServer server();

    record Keys(String admin, String operator, String agent) {}

    Keys tenant() {
        String admin = server().createTenant("w-" + UUID.randomUUID().toString().substring(0, 8));
        return new Keys(
                admin,
                server().createKey(admin, "operator", "operator-1"),
                server().createKey(admin, "agent", "bot-1"));
    }

    /** Subscribes (the secret is made then), starts a receiver that knows it, and points the subscription at it. */
    NodeReceiver subscribe(Keys keys, String name, String events, String workflows, int failFirst) {
        String body = "{\"url\": \"%s\", \"events\": %s, \"workflows\": %s}";
        Response created = server().json(
                        "PUT",
                        "/v1/webhooks/" + name,
                        keys.admin(),
                        body.formatted("http://127.0.0.1:9/", events, workflows));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        NodeReceiver receiver = NodeReceiver.start(secret, failFirst);
        Response pointed = server().json(
                        "PUT",
                        "/v1/webhooks/" + name,
                        keys.admin(),
                        body.formatted(receiver.url("/hooks/" + name), events, workflows));
        assertThat(pointed.status()).as(pointed.toString()).isEqualTo(200);
        assertThat(pointed.json().has("secret")).as("the secret is shown once").isFalse();
        return receiver;
    }

    String create(Keys keys, String entityId, String workflow) {
        String body = """
                {"title": "استرداد 退款 refund", "entity_type": "order", "entity_id": "%s", "workflow_name": "%s",
                 "reason": "high_value_deal", "priority": "high"}""".formatted(entityId, workflow);
        Response created = server().post("/v1/escalations", keys.agent(), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static List<JsonNode> await(NodeReceiver receiver, Predicate<List<JsonNode>> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<JsonNode> seen = receiver.seen();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = receiver.seen();
        }
        return seen;
    }

    /** The samples of the Prometheus text exposition, by series ({@code name{labels}}); comments skipped. */
    Map<String, Double> metrics() {
        Response scraped = server().get("/metrics", null);
        assertThat(scraped.status()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : scraped.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    static double change(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series %s", series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    static List<String> types(List<JsonNode> seen) {
        List<String> types = new ArrayList<>();
        seen.stream()
                .filter(s -> s.path("status").asInt() == 204)
                .forEach(s -> types.add(s.path("body").path("type").asText()));
        return types;
    }

    @Test
    void aFailingReceiverSeesRetriesWithTheSameWebhookIdThenTheSuccess() throws Exception {
        Keys keys = tenant();
        Map<String, Double> before = metrics();
        try (NodeReceiver receiver = subscribe(keys, "flaky", "[\"escalation.created\"]", "[]", 2)) {
            String id = create(keys, "o-1", "refunds");

            List<JsonNode> seen = await(
                    receiver, s -> s.stream().anyMatch(r -> r.path("status").asInt() == 204));

            assertThat(seen).extracting(r -> r.path("status").asInt()).containsExactly(503, 503, 204);
            assertThat(seen)
                    .allSatisfy(r -> assertThat(r.path("verified").asBoolean())
                            .as(r.toString())
                            .isTrue());
            assertThat(seen)
                    .extracting(r -> r.path("webhook_id").asText())
                    .containsOnly(seen.getFirst().path("webhook_id").asText());
            JsonNode event = seen.getLast().path("body");
            assertThat(event.path("type").asText()).isEqualTo("escalation.created");
            assertThat(event.path("escalation_id").asText()).isEqualTo(id);
            assertThat(event.path("id").asText())
                    .isEqualTo(seen.getLast().path("webhook_id").asText());
            assertThat(event.path("data").path("title").asText()).isEqualTo("استرداد 退款 refund");
            // The second attempt came about a second after the first, the third about two seconds later.
            long first = seen.get(0).path("timestamp").asLong();
            long third = seen.get(2).path("timestamp").asLong();
            assertThat(third - first).isBetween(2L, 6L);

            // The receiver answers before the dispatcher records the outcome.
            JsonNode deliveries = awaitDeliveries(keys, "flaky", "delivered");
            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.get(0).path("state").asText()).isEqualTo("delivered");
            assertThat(deliveries.get(0).path("attempts").asInt()).isEqualTo(3);
            assertThat(deliveries.get(0).path("last_status").asInt()).isEqualTo(204);

            // The metrics count both failed attempts as retries and the third as delivered, about three seconds
            // after the event (1 s and 2 s of retry delays, each ±20 %).
            String delivered = "switchboard_webhook_attempts_total{outcome=\"delivered\"}";
            String retry = "switchboard_webhook_attempts_total{outcome=\"retry\"}";
            Map<String, Double> after = metrics();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (change(before, after, delivered) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                after = metrics();
            }
            assertThat(change(before, after, delivered)).isGreaterThanOrEqualTo(1);
            assertThat(change(before, after, retry)).isGreaterThanOrEqualTo(2);
            assertThat(after)
                    .containsKeys(
                            "switchboard_webhook_attempts_total{outcome=\"failed\"}",
                            "switchboard_webhook_attempts_total{outcome=\"cancelled\"}");
            assertThat(change(before, after, "switchboard_webhook_attempt_seconds_count"))
                    .isGreaterThanOrEqualTo(3);
            assertThat(change(before, after, "switchboard_webhook_attempt_seconds_sum"))
                    .isGreaterThan(0);
            assertThat(change(before, after, "switchboard_webhook_delivery_lag_seconds_count"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(change(before, after, "switchboard_webhook_delivery_lag_seconds_sum"))
                    .isGreaterThanOrEqualTo(2.0);

            // A manual retry sends it once more, with the same webhook-id.
            Response retried = server().post(
                            "/v1/webhooks/flaky/deliveries/"
                                    + deliveries.get(0).path("id").asText() + "/retry",
                            keys.admin(),
                            "{}");
            assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
            List<JsonNode> again = await(receiver, s -> s.size() == 4);
            assertThat(again).hasSize(4);
            assertThat(again.getLast().path("webhook_id").asText())
                    .isEqualTo(seen.getLast().path("webhook_id").asText());
        }
    }

    @Test
    void eventsOfAPacketArriveInOrderAndOnlyTheSubscribedOnes() throws Exception {
        Keys keys = tenant();
        try (NodeReceiver receiver = subscribe(
                keys,
                "ordered",
                "[\"escalation.created\", \"escalation.assigned\", \"escalation.resolved\"]",
                "[]",
                0)) {
            String id = create(keys, "o-2", "refunds");
            assertThat(server().post("/v1/escalations/" + id + "/assign", keys.operator(), "{}")
                            .status())
                    .isEqualTo(200);
            assertThat(server().post(
                                    "/v1/escalations/" + id + "/resolve",
                                    keys.operator(),
                                    "{\"action_taken\": \"refunded\"}")
                            .status())
                    .isEqualTo(200);

            List<JsonNode> seen = await(receiver, s -> s.size() >= 3);

            assertThat(types(seen)).containsExactly("escalation.created", "escalation.assigned", "escalation.resolved");
            assertThat(seen)
                    .allSatisfy(r -> assertThat(r.path("verified").asBoolean()).isTrue());
        }
    }

    @Test
    void pushResumeGoesToTheWorkflowsSubscriptionAndMarksTheResumeDelivered() throws Exception {
        Keys keys = tenant();
        try (NodeReceiver receiver =
                subscribe(keys, "resumer", "[\"escalation.resume_requested\"]", "[\"refunds\"]", 0)) {
            String other = create(keys, "o-3", "quotes");
            Response noHandler = server().post(
                            "/v1/escalations/" + other + "/resolve",
                            keys.operator(),
                            "{\"action_taken\": \"ok\", \"resume_workflow\": true}");
            assertThat(noHandler.json().path("resume").path("state").asText()).isEqualTo("no_handler");

            String id = create(keys, "o-4", "refunds");
            Response resolved = server().post(
                            "/v1/escalations/" + id + "/resolve",
                            keys.operator(),
                            "{\"action_taken\": \"refund_approved\", \"notes\": \"تمت\", \"override_data\": {\"amount\": 90}, "
                                    + "\"resume_workflow\": true}");
            assertThat(resolved.json().path("resume").path("state").asText()).isEqualTo("pending");

            List<JsonNode> seen = await(receiver, s -> !s.isEmpty());
            JsonNode data = seen.getFirst().path("body").path("data");
            assertThat(seen.getFirst().path("verified").asBoolean()).isTrue();
            assertThat(data.path("escalation_id").asText()).isEqualTo(id);
            assertThat(data.path("workflow_name").asText()).isEqualTo("refunds");
            assertThat(data.path("resume_token").asText()).hasSizeGreaterThan(20);
            assertThat(data.path("resolution").path("action_taken").asText()).isEqualTo("refund_approved");
            assertThat(data.path("resolution")
                            .path("override_data")
                            .path("amount")
                            .asInt())
                    .isEqualTo(90);

            JsonNode packet = awaitResume(keys, id, "delivered");
            assertThat(packet.path("resume").path("state").asText()).isEqualTo("delivered");
            Response pull =
                    server().post("/v1/resume/" + data.path("resume_token").asText(), keys.agent(), null);
            assertThat(pull.status()).isEqualTo(409);
            assertThat(pull.json().path("code").asText()).isEqualTo("already_consumed");
            // The audit trail shows the resume, but never the token.
            String events = server().get("/v1/escalations/" + id + "/events", keys.agent())
                    .body();
            assertThat(events)
                    .contains("escalation.resumed")
                    .doesNotContain(data.path("resume_token").asText());
        }
    }

    @Test
    void aPullWhilePushIsStillFailingWinsAndThePushIsCancelled() throws Exception {
        Keys keys = tenant();
        try (NodeReceiver receiver = subscribe(keys, "down", "[\"escalation.resume_requested\"]", "[]", 1_000)) {
            Response created = server().post("/v1/escalations", keys.agent(), """
                    {"title": "t", "entity_type": "order", "entity_id": "o-5", "workflow_name": "refunds",
                     "reason": "missing_data"}""");
            String id = created.json().get("id").asText();
            String token = created.json().get("resume_token").asText();
            server().post(
                            "/v1/escalations/" + id + "/resolve",
                            keys.operator(),
                            "{\"action_taken\": \"ok\", \"resume_workflow\": true}");
            await(receiver, s -> !s.isEmpty());

            Response pull = server().post("/v1/resume/" + token, keys.agent(), null);
            assertThat(pull.status()).as(pull.toString()).isEqualTo(200);

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            String state = "";
            while (!state.equals("cancelled") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                state = server().get("/v1/webhooks/down/deliveries", keys.admin())
                        .json()
                        .path("items")
                        .path(0)
                        .path("state")
                        .asText();
            }
            assertThat(state).isEqualTo("cancelled");
            JsonNode packet =
                    server().get("/v1/escalations/" + id, keys.agent()).json();
            assertThat(packet.path("resume").path("state").asText()).isEqualTo("consumed");
        }
    }

    @Test
    void subscriptionsAreTheTenantsOwnAndDeletedWithTheirDeliveries() {
        Keys keys = tenant();
        Keys other = tenant();
        String body = "{\"url\": \"http://127.0.0.1:9/\", \"events\": [\"policy.updated\"]}";
        assertThat(server().json("PUT", "/v1/webhooks/mine", keys.admin(), body).status())
                .isEqualTo(200);
        assertThat(server().get("/v1/webhooks/mine", other.admin()).status()).isEqualTo(404);
        assertThat(server().get("/v1/webhooks", other.admin()).json().path("items"))
                .isEmpty();
        assertThat(server().json("DELETE", "/v1/webhooks/mine", other.admin(), null)
                        .status())
                .isEqualTo(404);
        assertThat(server().get("/v1/webhooks/mine", keys.operator()).status()).isEqualTo(403);
        assertThat(server().json("DELETE", "/v1/webhooks/mine", keys.admin(), null)
                        .status())
                .isEqualTo(204);
        assertThat(server().get("/v1/webhooks/mine/deliveries", keys.admin()).status())
                .isEqualTo(404);
    }

    /** A subscription's deliveries, once the newest is in {@code state} (or when patience ran out). */
    private JsonNode awaitDeliveries(Keys keys, String webhook, String state) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode items = server().get("/v1/webhooks/" + webhook + "/deliveries", keys.admin())
                .json()
                .path("items");
        while (!items.path(0).path("state").asText().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            items = server().get("/v1/webhooks/" + webhook + "/deliveries", keys.admin())
                    .json()
                    .path("items");
        }
        return items;
    }

    private JsonNode awaitResume(Keys keys, String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode packet = server().get("/v1/escalations/" + id, keys.agent()).json();
        while (!packet.path("resume").path("state").asText().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            packet = server().get("/v1/escalations/" + id, keys.agent()).json();
        }
        return packet;
    }
}
