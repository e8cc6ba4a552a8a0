package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.http.TestServer.Response;
import dev.switchboard.store.Race;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Black-box tests of the HTTP API against a real server on a random port, run once per store (SQLite and
 * PostgreSQL subclasses). Every test works in tenants of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContractTest {
    protected abstract TestServer server();

    private static String uniqueId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tenant with an admin, a supervisor, an operator and an agent key. */
    record Keys(String tenant, String admin, String supervisor, String operator, String agent) {}

    private Keys tenantWithKeys() {
        String tenant = uniqueId();
        String admin = server().createTenant(tenant);
        return new Keys(
                tenant,
                admin,
                server().createKey(admin, "supervisor", "supervisor-1"),
                server().createKey(admin, "operator", "operator-1"),
                server().createKey(admin, "agent", "bot-1"));
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("at dev.switchboard", "Exception");
    }

    private static List<String> errorFields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    // ---------------------------------------------------------------- tenants and keys

    @Test
    void tenants_areCreatedWithAFirstAdminKey_onceperId() {
        String id = uniqueId();

        Response created = server().post(
                        "/v1/tenants",
                        TestServer.ADMIN_TOKEN,
                        "{\"id\": \"" + id
                                + "\", \"name\": \"Acme\", \"default_locale\": \"AR\", \"timezone\": \"Asia/Riyadh\"}");
        Response again =
                server().post("/v1/tenants", TestServer.ADMIN_TOKEN, "{\"id\": \"" + id + "\", \"name\": \"x\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode tenant = created.json();
        assertThat(tenant.get("id").asText()).isEqualTo(id);
        assertThat(tenant.get("default_locale").asText()).isEqualTo("ar");
        assertThat(tenant.get("timezone").asText()).isEqualTo("Asia/Riyadh");
        assertThat(tenant.get("created_at").asText()).endsWith("Z");
        assertThat(tenant.get("admin_key").asText()).startsWith("sb_");
        assertProblem(again, 409, "tenant_exists");
        Response me = server().get("/v1/tenant", tenant.get("admin_key").asText());
        assertThat(me.json().get("key").get("role").asText()).isEqualTo("admin");
        assertThat(me.json().get("name").asText()).isEqualTo("Acme");
    }

    @Test
    void tenants_rejectInvalidInput_withEveryFieldNamed_andWriteNothing() {
        Response invalid = server().post(
                        "/v1/tenants",
                        TestServer.ADMIN_TOKEN,
                        "{\"id\": \"Bad_Id\", \"name\": \"\", \"default_locale\": \"fr\", \"timezone\": \"Mars/Olympus\","
                                + " \"plan\": \"gold\"}");

        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid)).containsExactlyInAnyOrder("id", "name", "default_locale", "timezone", "plan");
        assertProblem(server().post("/v1/tenants", TestServer.ADMIN_TOKEN, "[1]"), 422, "validation_failed");
    }

    @Test
    void tenants_needTheInstanceAdminToken() {
        Keys keys = tenantWithKeys();
        String body = "{\"id\": \"" + uniqueId() + "\", \"name\": \"x\"}";

        Response none = server().post("/v1/tenants", null, body);
        assertProblem(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(server().post("/v1/tenants", "wrong-token", body), 401, "unauthorized");
        assertProblem(server().post("/v1/tenants", keys.admin(), body), 401, "unauthorized");
    }

    @Test
    void keys_areShownOnce_listedWithoutSecrets_andRevokedAtOnce() {
        Keys keys = tenantWithKeys();
        Response created =
                server().post("/v1/api-keys", keys.admin(), "{\"role\": \"Operator\", \"name\": \"مشغل-2\"}");
        String token = created.json().get("key").asText();
        String id = created.json().get("id").asText();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("role").asText()).isEqualTo("operator");
        assertThat(server().get("/v1/tenant", token).status()).isEqualTo(200);
        Response list = server().get("/v1/api-keys", keys.admin());
        assertThat(list.json().get("items"))
                .extracting(k -> k.get("name").asText())
                .containsExactly("admin", "supervisor-1", "operator-1", "bot-1", "مشغل-2");
        assertThat(list.body()).doesNotContain("sb_").doesNotContain("\"key\"");

        assertThat(server().json("DELETE", "/v1/api-keys/" + id, keys.admin(), null)
                        .status())
                .isEqualTo(204);

        assertProblem(server().get("/v1/tenant", token), 401, "unauthorized");
        assertProblem(server().json("DELETE", "/v1/api-keys/" + id, keys.admin(), null), 404, "not_found");
        assertProblem(server().json("DELETE", "/v1/api-keys/no-such-key", keys.admin(), null), 404, "not_found");
    }

    @Test
    void keys_lastAdminKeyCannotBeRevoked() {
        Keys keys = tenantWithKeys();
        String adminId = server().get("/v1/tenant", keys.admin())
                .json()
                .get("key")
                .get("id")
                .asText();

        assertProblem(server().json("DELETE", "/v1/api-keys/" + adminId, keys.admin(), null), 409, "last_admin_key");

        String second = server().createKey(keys.admin(), "admin", "admin-2");
        assertThat(server().json("DELETE", "/v1/api-keys/" + adminId, second, null)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void keys_rejectInvalidInput() {
        Keys keys = tenantWithKeys();

        Response invalid =
                server().post("/v1/api-keys", keys.admin(), "{\"role\": \"owner\", \"name\": \"a\\u0000b\", \"x\": 1}");

        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid)).containsExactlyInAnyOrder("role", "name", "x");
        assertThat(server().get("/v1/api-keys", keys.admin()).json().get("items"))
                .hasSize(4);
    }

    @Test
    void roles_areEnforced_operatorSupervisorAdminNest_agentStandsApart() {
        Keys keys = tenantWithKeys();

        assertProblem(
                server().post("/v1/api-keys", keys.operator(), "{\"role\": \"admin\", \"name\": \"me\"}"),
                403,
                "forbidden");
        assertProblem(
                server().post("/v1/api-keys", keys.supervisor(), "{\"role\": \"admin\", \"name\": \"me\"}"),
                403,
                "forbidden");
        assertProblem(server().get("/v1/decisions", keys.operator()), 403, "forbidden");
        assertProblem(server().get("/v1/decisions", keys.agent()), 403, "forbidden");
        assertProblem(server().post("/v1/route", keys.admin(), "{\"message\": \"hi\"}"), 403, "forbidden");
        assertProblem(server().json("PUT", "/v1/policy", keys.supervisor(), "{}"), 403, "forbidden");
        assertThat(server().get("/v1/decisions", keys.supervisor()).status()).isEqualTo(200);
        assertThat(server().get("/v1/decisions", keys.admin()).status()).isEqualTo(200);
        assertThat(server().get("/v1/policy", keys.supervisor()).status()).isEqualTo(200);
        assertThat(server().post("/v1/route", keys.agent(), "{\"message\": \"hi\"}")
                        .status())
                .isEqualTo(200);
        assertProblem(server().get("/v1/tenant", "sb_garbage"), 401, "unauthorized");
    }

    // ---------------------------------------------------------------- policies

    @Test
    void policy_newTenantStartsOnTheDefaultPolicy() {
        Keys keys = tenantWithKeys();

        Response policy = server().get("/v1/policy", keys.admin());

        assertThat(policy.json().get("version").asInt()).isEqualTo(1);
        assertThat(policy.header("ETag")).isEqualTo("\"1\"");
        assertThat(policy.json().get("policy").get("scenarios"))
                .extracting(s -> s.get("id").asText())
                .containsExactly("refund", "complaint_escalation", "privacy_sensitive_promise", "transfer");
        assertThat(server().get("/v1/policy/versions", keys.admin())
                        .json()
                        .get("items")
                        .get(0)
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void policy_updatesInJsonAndYaml_areInForceAtOnce() {
        Keys keys = tenantWithKeys();
        String json = "{\"scenarios\": [{\"id\": \"transfer\", \"keywords\": {\"en\": [\"supervisor please\"]}}]}";
        String yaml = """
                scenarios:
                  - id: refund
                    keywords: {zh: [退钱], en: ["refund*"]}
                messages:
                  transfer: {en: "A colleague will take over."}
                """;

        Response v2 = server().json("PUT", "/v1/policy", keys.admin(), json);
        Response routedV2 = server().post("/v1/route", keys.agent(), "{\"message\": \"Supervisor please!\"}");
        Response v3 = server().send(
                        "PUT", "/v1/policy", keys.admin(), "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        Response routedV3 = server().post("/v1/route", keys.agent(), "{\"message\": \"我要退錢\"}");

        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        assertThat(routedV2.json().get("mode").asText()).isEqualTo("transfer");
        assertThat(routedV2.json().get("policy_version").asInt()).isEqualTo(2);
        assertThat(v3.json().get("version").asInt()).isEqualTo(3);
        assertThat(routedV3.json().get("risk_scenario").asText()).isEqualTo("refund");
        assertThat(routedV3.json().get("policy_version").asInt()).isEqualTo(3);
        assertThat(server().get("/v1/policy", keys.admin())
                        .json()
                        .get("policy")
                        .get("messages")
                        .get("transfer")
                        .get("en")
                        .asText())
                .isEqualTo("A colleague will take over.");
        assertThat(server().get("/v1/policy/versions", keys.admin()).json().get("items"))
                .extracting(v -> v.get("version").asInt())
                .containsExactly(3, 2, 1);
    }

    @Test
    void policy_invalidUpdates_listEveryProblem_andStoreNothing() {
        Keys keys = tenantWithKeys();

        Response invalid = server().json("PUT", "/v1/policy", keys.admin(), """
                {"low_confidence_threshold": 3, "rules": [{"id": "r1", "when": "context.x +", "mode": "transfer"}],
                 "colour": "blue"}""");
        Response badYaml = server().send(
                        "PUT",
                        "/v1/policy",
                        keys.admin(),
                        "application/yaml",
                        "scenarios: [\n  - {id: x".getBytes(StandardCharsets.UTF_8));

        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid))
                .containsExactlyInAnyOrder("low_confidence_threshold", "rules[0].when", "colour");
        assertThat(invalid.json().get("errors").toString()).contains("rule r1", "line 1, column 12");
        assertProblem(badYaml, 400, "malformed_body");
        assertThat(server().get("/v1/policy", keys.admin())
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void policy_ifMatch_guardsAgainstLostUpdates() {
        Keys keys = tenantWithKeys();
        String body = "{\"low_confidence_threshold\": 0.4}";

        Response stale = send("PUT", "/v1/policy", keys.admin(), body, "\"7\"");
        Response fresh = send("PUT", "/v1/policy", keys.admin(), body, "\"1\"");
        Response reused = send("PUT", "/v1/policy", keys.admin(), body, "\"1\"");

        assertProblem(stale, 412, "precondition_failed");
        assertThat(stale.json().get("current_version").asInt()).isEqualTo(1);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isEqualTo("\"2\"");
        assertProblem(reused, 412, "precondition_failed");
        assertProblem(send("PUT", "/v1/policy", keys.admin(), body, "yesterday"), 400, "malformed_request");
    }

    private Response send(String method, String path, String token, String json, String ifMatch) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server().uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("If-Match", ifMatch)
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void policy_validate_answers200OrEveryProblem_storingNothing() {
        Keys keys = tenantWithKeys();

        Response valid = server().post("/v1/policy/validate", keys.supervisor(), "{\"scenarios\": []}");
        Response invalid = server().post(
                        "/v1/policy/validate",
                        keys.supervisor(),
                        "{\"scenarios\": [{\"id\": \"x\", \"keywords\": {\"fr\": [\"a\"]}}]}");

        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().get("valid").asBoolean()).isTrue();
        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid)).containsExactly("scenarios[0].keywords.fr");
        assertThat(server().get("/v1/policy", keys.admin())
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void policy_test_runsCasesAgainstTheCurrentOrASubmittedPolicy() {
        Keys keys = tenantWithKeys();
        String cases = """
                [{"name": "refund zh", "input": {"message": "我要退款"},
                  "expect": {"mode": "micro_flow", "risk_scenario": "refund"}},
                 {"name": "greeting", "input": {"message": "hello"}, "expect": {"mode": "fixed"}}]""";

        Response current = server().post("/v1/policy/test", keys.supervisor(), "{\"cases\": " + cases + "}");
        Response submitted = server().post(
                        "/v1/policy/test",
                        keys.supervisor(),
                        "{\"policy\": {\"scenarios\": []}, \"cases\": " + cases + "}");
        Response invalid = server().post(
                        "/v1/policy/test",
                        keys.supervisor(),
                        "{\"policy\": {\"rules\": [{\"id\": \"r\", \"when\": \"(\", \"mode\": \"fixed\"}]}, \"cases\": []}");

        assertThat(current.json().get("passed").asInt()).isEqualTo(1);
        assertThat(current.json().get("failed").asInt()).isEqualTo(1);
        assertThat(current.json().get("results").get(1).get("failures").get(0).asText())
                .isEqualTo("mode: expected \"fixed\", got \"agent\"");
        assertThat(current.json()
                        .get("results")
                        .get(0)
                        .get("decision")
                        .get("reason_code")
                        .asText())
                .isEqualTo("high_risk_refund");
        assertThat(submitted.json().get("passed").asInt()).isZero();
        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid)).contains("cases", "policy.rules[0].when");
    }

    // ---------------------------------------------------------------- routing (SPEC §2.2 over HTTP)

    static Stream<Arguments> decisionOrder() {
        return Stream.of(
                Arguments.of(
                        "1 rollback flag",
                        "{\"message\": \"转人工\", \"session_mode\": \"human_active\","
                                + " \"feature_flags\": {\"rollback_to_legacy\": true}}",
                        "fixed",
                        "rollback_flag",
                        "rollback_to_legacy"),
                Arguments.of(
                        "2 human session",
                        "{\"message\": \"hi\", \"session_mode\": \"HUMAN_ACTIVE\","
                                + " \"high_risk_check\": {\"matched\": true}}",
                        "transfer",
                        "session_mode",
                        "session_human_active"),
                Arguments.of(
                        "3 high-risk check",
                        "{\"message\": \"hi\", \"high_risk_check\": {\"matched\": true,"
                                + " \"risk_scenario\": \"refund\", \"recommended_mode\": \"transfer\"}}",
                        "transfer",
                        "high_risk_check",
                        "high_risk_refund"),
                Arguments.of(
                        "4 intent hint",
                        "{\"message\": \"hi\", \"intent_hint\": {\"high_risk_detected\": true,"
                                + " \"target_flow_id\": \"f9\"}}",
                        "micro_flow",
                        "intent_hint",
                        "high_risk_hint"),
                Arguments.of(
                        "5 rule before keywords",
                        "{\"message\": \"我要退款\", \"context\": {\"vip\": true}}",
                        "transfer",
                        "policy_rule",
                        "vip"),
                Arguments.of(
                        "6 keywords", "{\"message\": \"我要退款\"}", "micro_flow", "high_risk_keyword", "high_risk_refund"),
                Arguments.of(
                        "7 rule after keywords",
                        "{\"message\": \"where is my parcel\", \"context\": {\"total\": 5000.5}}",
                        "micro_flow",
                        "policy_rule",
                        "big_order"),
                Arguments.of(
                        "8 low-confidence hint",
                        "{\"message\": \"hi\", \"intent_hint\": {\"confidence\": 0.1,"
                                + " \"suggested_mode\": \"fixed\"}}",
                        "fixed",
                        "low_confidence_hint",
                        "low_confidence_hint"),
                Arguments.of(
                        "9 intent match",
                        "{\"message\": \"hi\", \"intent_match\": {\"confidence\": 0.2}}",
                        "fixed",
                        "intent_match",
                        "low_confidence_no_flow"),
                Arguments.of(
                        "10 agent disabled",
                        "{\"message\": \"hi\", \"feature_flags\": {\"agent_enabled\": false}}",
                        "fixed",
                        "agent_disabled",
                        "agent_disabled"),
                Arguments.of("11 agent", "{\"message\": \"What are your opening hours?\"}", "agent", "default", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionOrder")
    void route_followsTheDecisionOrder(String row, String request, String mode, String decidedBy, String reason) {
        Keys keys = tenantWithKeys();
        server().json("PUT", "/v1/policy", keys.admin(), """
                {"rules": [
                  {"id": "vip", "stage": "before_keywords", "when": "has(context.vip) && context.vip", "mode": "transfer"},
                  {"id": "big_order", "stage": "after_keywords", "when": "has(context.total) && context.total > 1000",
                   "mode": "micro_flow", "flow_id": "big"}]}""");

        Response routed = server().post("/v1/route", keys.agent(), request);

        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        JsonNode decision = routed.json();
        assertThat(decision.get("mode").asText()).isEqualTo(mode);
        assertThat(decision.get("decided_by").asText()).isEqualTo(decidedBy);
        assertThat(
                        decision.get("reason_code").isNull()
                                ? null
                                : decision.get("reason_code").asText())
                .isEqualTo(reason);
        assertThat(decision.get("decision_id").asText()).hasSize(36);
        assertThat(decision.get("policy_version").asInt()).isEqualTo(2);
        assertThat(decision.get("trace")
                        .get(decision.get("trace").size() - 1)
                        .get("result")
                        .asText())
                .isEqualTo("decided");
    }

    @Test
    void route_reportsMatchesWithOriginalOffsetsAndLocalizedMessage() {
        Keys keys = tenantWithKeys();

        JsonNode decision = server().post("/v1/route", keys.agent(), "{\"message\": \"請幫我轉人工\"}")
                .json();

        assertThat(decision.get("transfer_message").asText()).isEqualTo("正在为您转接人工客服...");
        assertThat(decision.get("locale").asText()).isEqualTo("zh");
        JsonNode match = decision.get("matches").get(0);
        assertThat(match.get("keyword").asText()).isEqualTo("转人工");
        assertThat(match.get("start").asInt()).isEqualTo(3);
        assertThat(match.get("end").asInt()).isEqualTo(6);
    }

    @Test
    void route_sessions_transferHandsTheSessionToAHuman() {
        Keys keys = tenantWithKeys();
        Keys other = tenantWithKeys();

        JsonNode first = server().post("/v1/route", keys.agent(), "{\"message\": \"hello\", \"session_id\": \"s-1\"}")
                .json();
        JsonNode transfer = server().post(
                        "/v1/route", keys.agent(), "{\"message\": \"I want a real person\", \"session_id\": \"s-1\"}")
                .json();
        JsonNode after = server().post("/v1/route", keys.agent(), "{\"message\": \"hello?\", \"session_id\": \"s-1\"}")
                .json();
        JsonNode overridden = server().post(
                        "/v1/route",
                        keys.agent(),
                        "{\"message\": \"hello?\", \"session_id\": \"s-1\", \"session_mode\": \"bot_active\"}")
                .json();
        JsonNode otherTenant = server().post(
                        "/v1/route", other.agent(), "{\"message\": \"hello\", \"session_id\": \"s-1\"}")
                .json();

        assertThat(first.get("session").get("mode").asText()).isEqualTo("bot_active");
        assertThat(transfer.get("mode").asText()).isEqualTo("transfer");
        assertThat(transfer.get("session").get("mode").asText()).isEqualTo("human_active");
        String escalationId = transfer.get("escalation_id").asText();
        assertThat(escalationId).matches("[0-9a-f-]{36}");
        assertThat(after.get("escalation_id").asText()).isEqualTo(escalationId);
        JsonNode escalation =
                server().get("/v1/escalations/" + escalationId, keys.operator()).json();
        assertThat(escalation.get("reason").asText()).isEqualTo("human_requested");
        assertThat(escalation.get("session_id").asText()).isEqualTo("s-1");
        assertThat(escalation.get("priority").asText()).isEqualTo("high");
        assertThat(after.get("decided_by").asText()).isEqualTo("session_mode");
        assertThat(after.get("session").get("id").asText()).isEqualTo("s-1");
        assertThat(overridden.get("mode").asText()).isEqualTo("agent");
        assertThat(otherTenant.get("mode").asText()).isEqualTo("agent");
        assertThat(server().post("/v1/route", keys.agent(), "{\"message\": \"hi\"}")
                        .json()
                        .get("session")
                        .isNull())
                .isTrue();
    }

    @Test
    void route_concurrentTransfersOfOneSession_allEndHumanOwned() throws Exception {
        Keys keys = tenantWithKeys();

        List<Response> responses = Race.run(
                16, () -> server().post("/v1/route", keys.agent(), "{\"message\": \"转人工\", \"session_id\": \"race\"}"));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("session").get("mode").asText()).isEqualTo("human_active");
        });
        JsonNode next = server().post("/v1/route", keys.agent(), "{\"message\": \"hi\", \"session_id\": \"race\"}")
                .json();
        assertThat(next.get("decided_by").asText()).isEqualTo("session_mode");
        assertThat(responses)
                .extracting(r -> r.json().get("escalation_id").asText())
                .containsOnly(next.get("escalation_id").asText());
        JsonNode queue = server().get("/v1/escalations?entity_type=session&entity_id=race", keys.operator())
                .json();
        assertThat(queue.get("items")).hasSize(1);
    }

    @Test
    void route_rejectsBadInputAtTheEdge() {
        Keys keys = tenantWithKeys();

        Response invalid = server().post(
                        "/v1/route",
                        keys.agent(),
                        "{\"message\": \"\", \"locale\": \"fr\","
                                + " \"intent_match\": {\"confidence\": 1.5}, \"extra\": 1}");
        Response malformed = server().post("/v1/route", keys.agent(), "{\"message\": ");
        Response wrongType = server().send(
                        "POST",
                        "/v1/route",
                        keys.agent(),
                        "text/plain",
                        "{\"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8));
        Response latin1 = server().send(
                        "POST",
                        "/v1/route",
                        keys.agent(),
                        "application/json; charset=iso-8859-1",
                        "{\"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8));
        Response badUtf8 = server().send("POST", "/v1/route", keys.agent(), "application/json", new byte[] {
            '{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
        });
        Response tooLarge = server().post("/v1/route", keys.agent(), "{\"message\": \"" + "x".repeat(300_000) + "\"}");
        Response tooDeep = server().post(
                        "/v1/route",
                        keys.agent(),
                        "{\"message\": \"hi\", \"context\": " + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}");

        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid))
                .containsExactlyInAnyOrder("message", "locale", "intent_match.confidence", "extra");
        assertProblem(malformed, 400, "malformed_json");
        assertProblem(wrongType, 415, "unsupported_media_type");
        assertProblem(latin1, 415, "unsupported_media_type");
        assertProblem(badUtf8, 400, "malformed_body");
        assertProblem(tooLarge, 413, "payload_too_large");
        assertProblem(tooDeep, 400, "malformed_json");
    }

    // ---------------------------------------------------------------- decision log

    @Test
    void decisions_areLogged_andQueriedNewestFirstWithFiltersAndCursor() {
        Keys keys = tenantWithKeys();
        Keys other = tenantWithKeys();
        for (int i = 0; i < 7; i++) {
            String session = i % 2 == 1 ? ", \"session_id\": \"s-0\"" : "";
            server().post(
                            "/v1/route",
                            keys.agent(),
                            "{\"message\": \"" + (i % 2 == 0 ? "转人工 " + i : "hello " + i) + "\"" + session + "}");
        }
        server().post("/v1/route", other.agent(), "{\"message\": \"转人工\"}");
        server().server().flushDecisionLog();

        JsonNode page1 =
                server().get("/v1/decisions?limit=3", keys.supervisor()).json();
        JsonNode page2 = server().get(
                        "/v1/decisions?limit=3&cursor="
                                + page1.get("next_cursor").asText(),
                        keys.supervisor())
                .json();
        JsonNode transfers =
                server().get("/v1/decisions?mode=TRANSFER", keys.supervisor()).json();
        JsonNode session =
                server().get("/v1/decisions?session_id=s-0", keys.supervisor()).json();

        assertThat(page1.get("items")).hasSize(3);
        assertThat(page1.get("items").get(0).get("message_text").asText()).isEqualTo("转人工 6");
        assertThat(page2.get("items").get(0).get("message_text").asText()).isEqualTo("hello 3");
        assertThat(transfers.get("items")).hasSize(4).allSatisfy(d -> {
            assertThat(d.get("reason_code").asText()).isEqualTo("high_risk_transfer");
            assertThat(d.get("matches").get(0).get("keyword").asText()).isEqualTo("转人工");
            assertThat(d.get("message_hash").asText()).hasSize(64);
        });
        assertThat(transfers.get("next_cursor").isNull()).isTrue();
        assertThat(session.get("items")).hasSize(3);
        Response invalid = server().get(
                        "/v1/decisions?limit=0&mode=bogus&cursor=zz&since=yesterday&colour=red", keys.supervisor());
        assertProblem(invalid, 422, "validation_failed");
        assertThat(errorFields(invalid)).containsExactlyInAnyOrder("limit", "mode", "cursor", "since", "colour");
    }

    // ---------------------------------------------------------------- tenant isolation

    @Test
    void isolation_anotherTenantsObjectsAreUnknown_onEveryTenantEndpoint() {
        Keys a = tenantWithKeys();
        Keys b = tenantWithKeys();
        String bKeyId = server().post("/v1/api-keys", b.admin(), "{\"role\": \"agent\", \"name\": \"b-bot\"}")
                .json()
                .get("id")
                .asText();
        server().json("PUT", "/v1/policy", b.admin(), "{\"low_confidence_threshold\": 0.9}");
        server().post("/v1/route", b.agent(), "{\"message\": \"secret of b\", \"session_id\": \"shared\"}");
        server().post("/v1/route", b.agent(), "{\"message\": \"转人工\", \"session_id\": \"shared\"}");
        server().server().flushDecisionLog();

        assertProblem(server().json("DELETE", "/v1/api-keys/" + bKeyId, a.admin(), null), 404, "not_found");
        assertThat(server().get("/v1/api-keys", a.admin()).body()).doesNotContain("b-bot");
        assertThat(server().get("/v1/policy", a.admin()).json().get("version").asInt())
                .isEqualTo(1);
        assertThat(server().get("/v1/policy/versions", a.admin()).json().get("items"))
                .hasSize(1);
        assertThat(server().get("/v1/decisions", a.supervisor()).body()).doesNotContain("secret of b");
        assertThat(server().get("/v1/tenant", a.operator()).json().get("id").asText())
                .isEqualTo(a.tenant());
        JsonNode aSession = server().post("/v1/route", a.agent(), "{\"message\": \"hi\", \"session_id\": \"shared\"}")
                .json();
        assertThat(aSession.get("session").get("mode").asText()).isEqualTo("bot_active");
        assertThat(server().post(
                                "/v1/policy/test",
                                a.supervisor(),
                                "{\"cases\": [{\"name\": \"t\", \"input\": {\"message\": \"hi\"}, \"expect\": {\"policy_version\": 1}}]}")
                        .json()
                        .get("passed")
                        .asInt())
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- system

    @Test
    void system_healthMetricsAndErrorsForUnknownRoutes() {
        Keys keys = tenantWithKeys();
        server().post("/v1/route", keys.agent(), "{\"message\": \"转人工\"}");
        server().server().flushDecisionLog();

        assertThat(server().get("/health/live", null).json().get("status").asText())
                .isEqualTo("live");
        assertThat(server().get("/health/ready", null).json().get("status").asText())
                .isEqualTo("ready");
        Response metrics = server().get("/metrics", null);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains(
                        "switchboard_decisions_total{mode=\"transfer\",reason=\"high_risk_transfer\"}",
                        "switchboard_decision_seconds_bucket",
                        "switchboard_decision_log_dropped_total",
                        "switchboard_decision_log_written_total",
                        "http_server_requests_seconds_count{method=\"POST\",route=\"/v1/route\",status=\"200\"}",
                        // Shown before any webhook delivery (this server has no subscription).
                        "switchboard_webhook_attempts_total{outcome=\"delivered\"} 0.0",
                        "switchboard_webhook_attempts_total{outcome=\"retry\"} 0.0",
                        "switchboard_webhook_attempts_total{outcome=\"failed\"} 0.0",
                        "switchboard_webhook_attempts_total{outcome=\"cancelled\"} 0.0",
                        "switchboard_webhook_attempt_seconds_count 0",
                        "switchboard_webhook_delivery_lag_seconds_count 0");
        assertProblem(server().get("/v1/nothing-here", keys.admin()), 404, "not_found");
        assertProblem(server().json("PATCH", "/v1/policy", keys.admin(), "{}"), 405, "method_not_allowed");
        assertThat(server().get("/openapi.json", null).json().get("openapi").asText())
                .startsWith("3.1");
    }
}
