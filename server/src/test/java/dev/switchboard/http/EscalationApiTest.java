package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.http.TestServer.Response;
import dev.switchboard.store.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The escalation endpoints (SPEC §3, Appendix A) black-box, against a real server on a random port, once per store.
 * Every test works in a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EscalationApiTest {
    static final String CREATE = """
            {"title": "Quote needs approval", "title_ar": "عرض السعر يحتاج موافقة", "entity_type": "deal",
             "entity_id": "D-1", "workflow_name": "quote_approval", "failed_step": "validate",
             "reason": "high_value_deal", "priority": "high", "confidence": 0.4, "target_role": "manager",
             "missing_data": ["budget"],
             "artifacts": [{"type": "text", "name": "note", "content": "客户要求打折"}],
             "i18n": {"zh": {"title": "报价需要审批", "suggested_action": "审批折扣"}}}""";
    static final String RESOLVE = """
            {"action_taken": "approved", "notes": "ok", "override_data": {"discount": 5}, "resume_workflow": false}""";

    protected abstract TestServer server();

    /** A tenant with keys of every role, and a second operator. */
    record Keys(String tenant, String admin, String supervisor, String operator, String operator2, String agent) {}

    Keys tenant() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = server().createTenant(tenant);
        return new Keys(
                tenant,
                admin,
                server().createKey(admin, "supervisor", "supervisor-1"),
                server().createKey(admin, "operator", "operator-1"),
                server().createKey(admin, "operator", "operator-2"),
                server().createKey(admin, "agent", "bot-1"));
    }

    static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("at dev.switchboard", "Exception");
    }

    JsonNode create(Keys keys) {
        Response created = server().post("/v1/escalations", keys.agent(), CREATE);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private Response action(String id, String action, String token, String body) {
        return server().post("/v1/escalations/" + id + "/" + action, token, body);
    }

    @Test
    void appendixA_createClaimResolve_withTheAuditTrail() {
        Keys keys = tenant();

        Response created = server().post("/v1/escalations", keys.agent(), CREATE);
        JsonNode packet = created.json();
        String id = packet.get("id").asText();
        Response read = server().get("/v1/escalations/" + id, keys.operator());
        Response claimed = action(id, "assign", keys.operator(), "{\"assignee\": \"operator-1\", \"force\": false}");
        Response resolved = action(id, "resolve", keys.operator(), RESOLVE);
        Response events = server().get("/v1/escalations/" + id + "/events", keys.operator());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/escalations/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(packet.get("status").asText()).isEqualTo("pending");
        assertThat(packet.get("version").asInt()).isEqualTo(1);
        assertThat(packet.get("tenant_id").asText()).isEqualTo(keys.tenant());
        assertThat(packet.get("resume_token").asText()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(Duration.between(
                        Instant.parse(packet.get("created_at").asText()),
                        Instant.parse(packet.get("due_at").asText())))
                .isEqualTo(Duration.ofHours(4));
        assertThat(packet.get("i18n").get("zh").get("title").asText()).isEqualTo("报价需要审批");
        assertThat(packet.get("artifacts").get(0).get("content").asText()).isEqualTo("客户要求打折");
        assertThat(packet.get("created_by").asText()).isEqualTo("bot-1");
        assertThat(read.json().has("resume_token")).isFalse();
        assertThat(read.json().get("title_ar").asText()).isEqualTo("عرض السعر يحتاج موافقة");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("status").asText()).isEqualTo("in_progress");
        assertThat(claimed.json().get("assigned_to").asText()).isEqualTo("operator-1");
        assertThat(claimed.header("ETag")).isEqualTo("\"2\"");
        JsonNode done = resolved.json();
        assertThat(done.get("status").asText()).isEqualTo("resolved");
        assertThat(done.get("resolution_data").get("action_taken").asText()).isEqualTo("approved");
        assertThat(done.get("resolution_data")
                        .get("override_data")
                        .get("discount")
                        .asInt())
                .isEqualTo(5);
        assertThat(done.get("resolution_data").get("resolved_by").asText()).isEqualTo("operator-1");
        assertThat(done.get("resolution_notes").asText()).isEqualTo("ok");
        assertThat(done.get("resolved_at").asText()).endsWith("Z");
        assertThat(done.has("resume_token")).isFalse();
        List<String> types = new ArrayList<>();
        events.json().get("items").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("escalation.created", "escalation.assigned", "escalation.resolved");
        assertThat(events.json().get("items").get(1).get("actor").asText()).isEqualTo("operator-1");
        assertThat(events.body()).doesNotContain(packet.get("resume_token").asText());

        Response again = action(id, "resolve", keys.operator(), RESOLVE);
        assertProblem(again, 409, "already_resolved");
        assertThat(again.json().get("escalation").get("status").asText()).isEqualTo("resolved");
        assertThat(again.json().get("escalation").has("resume_token")).isFalse();
    }

    @Test
    void claims_conflict_supervisorsForce_andOperatorsReleaseOnlyTheirOwn() {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();

        assertThat(action(id, "assign", keys.operator(), null)
                        .json()
                        .get("assigned_to")
                        .asText())
                .isEqualTo("operator-1");
        Response second = action(id, "assign", keys.operator2(), "{}");
        assertProblem(second, 409, "already_assigned");
        assertThat(second.json().get("escalation").get("assigned_to").asText()).isEqualTo("operator-1");
        assertProblem(
                action(id, "assign", keys.operator2(), "{\"assignee\": \"operator-2\", \"force\": true}"),
                409,
                "already_assigned");
        assertProblem(action(id, "assign", keys.operator2(), "{\"assignee\": \"operator-3\"}"), 403, "not_supervisor");
        assertProblem(action(id, "unassign", keys.operator2(), null), 403, "not_assignee");
        assertProblem(action(id, "resolve", keys.operator2(), RESOLVE), 409, "already_assigned");
        Response forced = action(id, "assign", keys.supervisor(), "{\"assignee\": \"operator-2\", \"force\": true}");
        assertThat(forced.json().get("assigned_to").asText()).isEqualTo("operator-2");
        Response released = action(id, "unassign", keys.operator2(), "{}");
        assertThat(released.json().get("status").asText()).isEqualTo("pending");
        assertThat(released.json().get("assigned_to").isNull()).isTrue();
        assertProblem(action(id, "unassign", keys.operator(), null), 409, "not_assigned");
    }

    @Test
    void roles_areEnforcedPerRoute() {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();

        assertProblem(server().post("/v1/escalations", keys.operator(), CREATE), 403, "forbidden");
        assertProblem(server().get("/v1/escalations", keys.agent()), 403, "forbidden");
        assertProblem(action(id, "resolve", keys.agent(), RESOLVE), 403, "forbidden");
        assertProblem(action(id, "cancel", keys.operator(), null), 403, "forbidden");
        assertProblem(server().post("/v1/escalations/expire-overdue", keys.operator(), null), 403, "forbidden");
        assertProblem(server().get("/v1/stats", keys.operator()), 403, "forbidden");
        assertProblem(server().get("/v1/escalations/" + id, null), 401, "unauthorized");
        assertThat(server().get("/v1/escalations/" + id, keys.agent()).status()).isEqualTo(200);
        assertThat(server().get("/v1/escalations", keys.admin()).status()).isEqualTo(200);
    }

    @Test
    void badInput_isA422ListingEveryField_andWritesNothing() {
        Keys keys = tenant();
        StringBuilder artifacts = new StringBuilder("[");
        for (int i = 0; i < 21; i++) {
            artifacts.append(i == 0 ? "" : ",").append("{\"type\": \"text\", \"content\": \"x\"}");
        }
        artifacts.append(']');

        Response invalid = server().post(
                        "/v1/escalations",
                        keys.agent(),
                        "{\"title\": \"\", \"entity_type\": \"deal\", \"reason\": \"bored\", \"priority\": \"urgent\","
                                + " \"confidence\": 1.5, \"due_at\": \"yesterday\", \"colour\": \"red\","
                                + " \"artifacts\": " + artifacts + "}");
        Response tooLong = server().post(
                        "/v1/escalations",
                        keys.agent(),
                        CREATE.replace("\"客户要求打折\"", "\"" + "x".repeat(32_001) + "\""));
        Response past = server().post(
                        "/v1/escalations",
                        keys.agent(),
                        CREATE.replace("\"priority\": \"high\"", "\"due_at\": \"2020-01-01T00:00:00Z\""));

        assertProblem(invalid, 422, "validation_failed");
        List<String> fields = new ArrayList<>();
        invalid.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "title", "entity_id", "reason", "priority", "confidence", "due_at", "colour", "artifacts");
        assertProblem(tooLong, 422, "validation_failed");
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("artifacts[0].content");
        assertProblem(past, 422, "validation_failed");
        assertProblem(server().post("/v1/escalations", keys.agent(), "{\"title\": "), 400, "malformed_json");
        assertThat(server().get("/v1/escalations", keys.operator()).json().get("items"))
                .isEmpty();
        String id = create(keys).get("id").asText();
        assertProblem(action(id, "resolve", keys.operator(), "{\"notes\": 3}"), 422, "validation_failed");
        assertProblem(action(id, "assign", keys.operator(), "{\"force\": \"yes\"}"), 422, "validation_failed");
        assertThat(server().get("/v1/escalations/" + id, keys.operator())
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void ifMatch_withAStaleVersion_is412() {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();
        action(id, "assign", keys.operator(), null);

        Response stale = server().post(
                        "/v1/escalations/" + id + "/resolve", keys.operator(), RESOLVE, Map.of("If-Match", "\"1\""));
        Response current = server().post(
                        "/v1/escalations/" + id + "/resolve", keys.operator(), RESOLVE, Map.of("If-Match", "\"2\""));

        assertProblem(stale, 412, "precondition_failed");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("version").asInt()).isEqualTo(3);
    }

    @Test
    void idempotencyKey_replaysTheFirstAnswer_andRefusesAnotherBody() {
        Keys keys = tenant();
        Map<String, String> key = Map.of("Idempotency-Key", "create-" + UUID.randomUUID());

        Response first = server().post("/v1/escalations", keys.agent(), CREATE, key);
        Response retry = server().post("/v1/escalations", keys.agent(), CREATE, key);
        Response other = server().post("/v1/escalations", keys.agent(), CREATE.replace("D-1", "D-2"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertProblem(other, 422, "idempotency_key_reused");
        assertThat(server().get("/v1/escalations", keys.operator()).json().get("items"))
                .hasSize(1);
    }

    @Test
    void ofThirtyTwoConcurrentResolves_oneIs200_andThirtyOneAre409() throws Exception {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();

        List<Response> responses = Race.run(32, () -> action(id, "resolve", keys.supervisor(), RESOLVE));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() == 409)
                .hasSize(31)
                .allSatisfy(r -> assertThat(r.json().get("code").asText()).isEqualTo("already_resolved"));
        JsonNode events = server().get("/v1/escalations/" + id + "/events", keys.operator())
                .json();
        assertThat(events.get("items")).hasSize(2);
    }

    @Test
    void racingClaims_leaveOneOwner() throws Exception {
        Keys keys = tenant();
        List<String> operators = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            operators.add(server().createKey(keys.admin(), "operator", "racer-" + i));
        }
        String id = create(keys).get("id").asText();
        AtomicInteger next = new AtomicInteger();

        List<Response> responses = Race.run(8, () -> action(id, "assign", operators.get(next.getAndIncrement()), null));

        List<Response> won = responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(7);
        String owner = won.getFirst().json().get("assigned_to").asText();
        assertThat(server().get("/v1/escalations/" + id, keys.operator())
                        .json()
                        .get("assigned_to")
                        .asText())
                .isEqualTo(owner);
    }

    @Test
    void anotherTenantsPackets_andTokens_areUnknown() {
        Keys keys = tenant();
        Keys other = tenant();
        JsonNode packet = create(keys);
        String id = packet.get("id").asText();
        action(id, "resolve", keys.operator(), RESOLVE);

        assertProblem(server().get("/v1/escalations/" + id, other.operator()), 404, "not_found");
        assertProblem(action(id, "assign", other.operator(), null), 404, "not_found");
        assertProblem(action(id, "cancel", other.agent(), null), 404, "not_found");
        assertProblem(server().get("/v1/escalations/" + id + "/events", other.operator()), 404, "not_found");
        assertProblem(server().get("/v1/escalations/" + id + "/wait?timeout_s=0", other.agent()), 404, "not_found");
        assertProblem(
                server().post("/v1/resume/" + packet.get("resume_token").asText(), other.agent(), null),
                404,
                "not_found");
        assertProblem(server().get("/v1/escalations/not-an-id", keys.operator()), 404, "not_found");
        assertThat(server().get("/v1/escalations", other.operator()).json().get("items"))
                .isEmpty();
        assertThat(server().post("/v1/resume/" + packet.get("resume_token").asText(), keys.agent(), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void queue_ordersByPriorityThenAge_filters_andPagesWithCursors() {
        Keys keys = tenant();
        List<String> ids = new ArrayList<>();
        for (String priority : List.of("low", "critical", "medium", "high", "critical")) {
            ids.add(server().post(
                            "/v1/escalations",
                            keys.agent(),
                            CREATE.replace("\"priority\": \"high\"", "\"priority\": \"" + priority + "\""))
                    .json()
                    .get("id")
                    .asText());
        }
        action(ids.get(3), "assign", keys.operator(), null);

        List<String> paged = new ArrayList<>();
        String url = "/v1/escalations?status=pending,IN_PROGRESS&limit=2";
        JsonNode page = server().get(url, keys.operator()).json();
        while (true) {
            page.get("items").forEach(item -> paged.add(item.get("id").asText()));
            if (page.get("next_cursor").isNull()) {
                break;
            }
            page = server().get(url + "&cursor=" + page.get("next_cursor").asText(), keys.operator())
                    .json();
        }

        assertThat(paged).containsExactly(ids.get(1), ids.get(4), ids.get(3), ids.get(2), ids.get(0));
        assertThat(server().get("/v1/escalations?priority=critical", keys.operator())
                        .json()
                        .get("items"))
                .hasSize(2);
        assertThat(server().get("/v1/escalations?assigned_to=operator-1", keys.operator())
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(server().get("/v1/escalations?overdue=true", keys.operator())
                        .json()
                        .get("items"))
                .isEmpty();
        assertProblem(
                server().get("/v1/escalations?status=done&limit=0&cursor=zzz", keys.operator()),
                422,
                "validation_failed");
    }

    @Test
    void wait_returnsAsSoonAsResolved_andTheCurrentStateOnTimeout() throws Exception {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();

        long started = System.nanoTime();
        Response timedOut = server().get("/v1/escalations/" + id + "/wait?timeout_s=1", keys.agent());
        assertThat(timedOut.json().get("status").asText()).isEqualTo("pending");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        Thread resolver = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            action(id, "resolve", keys.operator(), RESOLVE);
        });
        started = System.nanoTime();
        Response settled = server().get("/v1/escalations/" + id + "/wait?timeout_s=20", keys.agent());
        resolver.join();

        assertThat(settled.json().get("status").asText()).isEqualTo("resolved");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertProblem(
                server().get("/v1/escalations/" + id + "/wait?timeout_s=61", keys.agent()), 422, "validation_failed");
    }

    @Test
    void pullResume_isExactlyOnce() {
        Keys keys = tenant();
        JsonNode packet = create(keys);
        String token = packet.get("resume_token").asText();
        String id = packet.get("id").asText();

        assertProblem(server().post("/v1/resume/" + token, keys.agent(), null), 409, "not_resolved");
        action(id, "resolve", keys.operator(), RESOLVE);
        Response first = server().post("/v1/resume/" + token, keys.agent(), null);
        Response second = server().post("/v1/resume/" + token, keys.agent(), "{}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("escalation_id").asText()).isEqualTo(id);
        assertThat(first.json().get("status").asText()).isEqualTo("resolved");
        JsonNode resolution = first.json().get("resolution");
        assertThat(resolution.get("action_taken").asText()).isEqualTo("approved");
        assertThat(resolution.get("notes").asText()).isEqualTo("ok");
        assertThat(resolution.get("override_data").get("discount").asInt()).isEqualTo(5);
        assertThat(resolution.get("resolved_by").asText()).isEqualTo("operator-1");
        assertProblem(second, 409, "already_consumed");
        assertProblem(
                server().post("/v1/resume/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", keys.agent(), null), 404, "not_found");
        assertThat(server().get("/v1/escalations/" + id, keys.operator())
                        .json()
                        .get("resume")
                        .get("state")
                        .asText())
                .isEqualTo("consumed");
    }

    @Test
    void pushResume_withoutAHandler_is409NoHandler() {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();

        assertProblem(action(id, "resume", keys.agent(), null), 409, "not_resolved");
        action(
                id,
                "resolve",
                keys.operator(),
                RESOLVE.replace("\"resume_workflow\": false", "\"resume_workflow\": true"));
        Response resume = action(id, "resume", keys.agent(), "{}");

        assertProblem(resume, 409, "no_handler");
        assertThat(resume.json().get("escalation").get("resume").get("state").asText())
                .isEqualTo("no_handler");
    }

    @Test
    void pushResume_toAnEmbeddedHandler_is202_thenDelivered() throws Exception {
        Keys keys = tenant();
        String workflow = "wf_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
        server().server().escalations().onResume(workflow, request -> tokens.add(request.resumeToken()));
        JsonNode packet = server().post("/v1/escalations", keys.agent(), CREATE.replace("quote_approval", workflow))
                .json();
        String id = packet.get("id").asText();
        action(id, "resolve", keys.operator(), RESOLVE);

        Response resume = action(id, "resume", keys.operator(), null);

        assertThat(resume.status()).isEqualTo(202);
        assertThat(resume.json().get("resume").get("state").asText()).isIn("pending", "delivered");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String state = "";
        while (!state.equals("delivered") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            state = server().get("/v1/escalations/" + id, keys.operator())
                    .json()
                    .get("resume")
                    .get("state")
                    .asText();
        }
        assertThat(state).isEqualTo("delivered");
        assertThat(tokens).containsExactly(packet.get("resume_token").asText());
        assertProblem(
                server().post("/v1/resume/" + packet.get("resume_token").asText(), keys.agent(), null),
                409,
                "already_consumed");
    }

    @Test
    void cancel_byTheAgent_closesIt() {
        Keys keys = tenant();
        String id = create(keys).get("id").asText();

        Response cancelled = action(id, "cancel", keys.agent(), "{\"reason\": \"customer came back\"}");

        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("cancel_reason").asText()).isEqualTo("customer came back");
        assertProblem(action(id, "cancel", keys.agent(), null), 409, "cancelled");
        assertProblem(action(id, "assign", keys.operator(), null), 409, "cancelled");
        assertThat(server().get("/v1/escalations/" + id + "/wait?timeout_s=5", keys.agent())
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
    }

    @Test
    void auto_createsForTheTopRule_thenDeduplicates() {
        Keys keys = tenant();
        String context = "{\"context\": {\"entity_type\": \"deal\", \"entity_id\": \"D-9\", \"deal_value_sar\": 150000,"
                + " \"delivery_failures\": 3}}";

        Response first = server().post("/v1/escalations/auto", keys.agent(), context);
        Response second = server().post("/v1/escalations/auto", keys.agent(), context);
        Response none = server().post(
                        "/v1/escalations/auto",
                        keys.agent(),
                        "{\"context\": {\"entity_type\": \"deal\", \"entity_id\": \"D-9\", \"deal_value_sar\": 10}}");
        Response invalid = server().post("/v1/escalations/auto", keys.agent(), "{\"context\": {\"confidence\": 2}}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("matched_rules").toString())
                .isEqualTo("[\"rule_high_value_deal\",\"rule_delivery_failed_3x\"]");
        assertThat(first.json().get("deduplicated").asBoolean()).isFalse();
        JsonNode packet = first.json().get("escalation");
        assertThat(packet.get("priority").asText()).isEqualTo("high");
        assertThat(packet.get("rule_ids")).hasSize(2);
        assertThat(packet.get("title_ar").asText()).isEqualTo("صفقة تتجاوز 100 ألف ريال");
        assertThat(packet.has("resume_token")).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("deduplicated").asBoolean()).isTrue();
        assertThat(second.json().get("escalation").get("id").asText())
                .isEqualTo(packet.get("id").asText());
        assertThat(second.json().get("escalation").has("resume_token")).isFalse();
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("escalation").isNull()).isTrue();
        assertThat(none.json().get("matched_rules")).isEmpty();
        assertProblem(invalid, 422, "validation_failed");
    }

    @Test
    void sla_sweeperExpiresOverduePackets_withinSeconds() throws Exception {
        Keys keys = tenant();
        String due = Instant.now().plusMillis(1_200).toString();
        String id = server().post(
                        "/v1/escalations",
                        keys.agent(),
                        CREATE.replace("\"priority\": \"high\"", "\"due_at\": \"" + due + "\""))
                .json()
                .get("id")
                .asText();

        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        JsonNode packet = server().get("/v1/escalations/" + id, keys.operator()).json();
        while (!packet.get("status").asText().equals("expired") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            packet = server().get("/v1/escalations/" + id, keys.operator()).json();
        }

        assertThat(packet.get("status").asText()).isEqualTo("expired");
        assertThat(packet.get("breached_at").asText())
                .isEqualTo(packet.get("due_at").asText());
        assertThat(Duration.between(
                        Instant.parse(due),
                        Instant.parse(packet.get("updated_at").asText())))
                .isLessThan(Duration.ofSeconds(4));
        assertThat(server().post("/v1/escalations/expire-overdue", keys.supervisor(), null)
                        .json()
                        .get("expired")
                        .asInt())
                .isZero();
        assertThat(action(id, "resolve", keys.operator(), RESOLVE)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("resolved");
    }

    @Test
    void stats_areComputedForTheTenant() {
        Keys keys = tenant();
        String a = create(keys).get("id").asText();
        create(keys);
        action(a, "resolve", keys.operator(), RESOLVE);
        server().post(
                        "/v1/escalations/auto",
                        keys.agent(),
                        "{\"context\": {\"entity_type\": \"deal\", \"entity_id\": \"D-1\", \"consent_expired\": true}}");

        JsonNode stats = server().get("/v1/stats", keys.supervisor()).json();

        assertThat(stats.get("total").asInt()).isEqualTo(3);
        assertThat(stats.get("by_status").get("resolved").asInt()).isEqualTo(1);
        assertThat(stats.get("by_status").get("pending").asInt()).isEqualTo(2);
        assertThat(stats.get("by_priority").get("critical").asInt()).isEqualTo(1);
        assertThat(stats.get("by_reason").get("consent_expired").asInt()).isEqualTo(1);
        assertThat(stats.get("by_target_role").get("compliance").asInt()).isEqualTo(1);
        assertThat(stats.get("by_rule").get("rule_consent_expired").asInt()).isEqualTo(1);
        assertThat(stats.get("sla_met_ratio").asDouble()).isEqualTo(1.0);
        for (String field : List.of(
                "avg_resolution_minutes",
                "p50_resolution_minutes",
                "p90_resolution_minutes",
                "oldest_pending_hours",
                "overdue_count")) {
            assertThat(stats.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(stats.get("resolution_histogram")).hasSize(6);
        long histogramTotal = 0;
        for (var bucket : stats.get("resolution_histogram")) {
            histogramTotal += bucket.get("count").asLong();
        }
        assertThat(histogramTotal)
                .as("every resolved packet in one bucket")
                .isEqualTo(stats.get("by_status").path("resolved").asLong());
        assertThat(server().get("/v1/stats?since=2999-01-01T00:00:00Z", keys.supervisor())
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
        assertProblem(server().get("/v1/stats?since=last-week", keys.supervisor()), 422, "validation_failed");
    }

    @Test
    void resolvingATransferEscalation_givesTheSessionBackToTheBot() {
        Keys keys = tenant();
        JsonNode transfer = server().post(
                        "/v1/route", keys.agent(), "{\"message\": \"أريد التحدث مع موظف\", \"session_id\": \"s-ar\"}")
                .json();
        String id = transfer.get("escalation_id").asText();

        JsonNode packet = server().get("/v1/escalations/" + id, keys.operator()).json();
        action(id, "resolve", keys.operator(), RESOLVE);
        JsonNode next = server().post("/v1/route", keys.agent(), "{\"message\": \"شكرا\", \"session_id\": \"s-ar\"}")
                .json();

        assertThat(packet.get("title_ar").asText()).isEqualTo("العميل طلب التحدث مع موظف");
        assertThat(packet.get("artifacts").get(0).get("content").asText()).isEqualTo("أريد التحدث مع موظف");
        assertThat(next.get("session").get("mode").asText()).isEqualTo("bot_active");
        assertThat(next.get("escalation_id").isNull()).isTrue();
        List<String> types = new ArrayList<>();
        server().get("/v1/escalations/" + id + "/events", keys.operator())
                .json()
                .get("items")
                .forEach(e -> types.add(e.get("type").asText()));
        assertThat(types)
                .containsExactly(
                        "escalation.created", "session.transferred", "escalation.resolved", "session.released");
    }
}
