package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.evaluation.PolicyTestCase;
import dev.switchboard.evaluation.PolicyTestResult;
import dev.switchboard.evaluation.PolicyTests;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.input.Problems;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.Policies;
import dev.switchboard.policy.PolicyStore;
import dev.switchboard.policy.StaleVersionException;
import dev.switchboard.tenant.Principal;
import dev.switchboard.tenant.Tenants;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Policies over HTTP (SPEC §2.5): read, update (JSON or YAML), versions, validate, test. */
final class PolicyApi {
    private static final Set<String> TEST_FIELDS = Set.of("policy", "cases");

    private final Policies policies;
    private final Tenants tenants;
    private final Bodies bodies;

    PolicyApi(Policies policies, Tenants tenants, Bodies bodies) {
        this.policies = policies;
        this.tenants = tenants;
        this.bodies = bodies;
    }

    /** {@code GET /v1/policy}: the version in force and its document. */
    void get(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        CompiledPolicy policy = policies.current(principal.tenantId());
        ObjectNode json = Json.object().put("version", policy.version());
        json.set("policy", policy.source());
        ctx.header("ETag", IfMatch.etag(policy.version()));
        Json.respond(ctx, 200, json);
    }

    /**
     * {@code PUT /v1/policy}: validate everything, then store a new version and put it in force. With
     * {@code If-Match: "<version>"}, only while that version is current ({@code 412} otherwise).
     */
    void put(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Integer expected = IfMatch.version(ctx);
        JsonNode document = bodies.jsonOrYaml(ctx);
        try {
            CompiledPolicy policy = policies.update(principal.tenantId(), document, principal.name(), expected);
            ctx.header("ETag", IfMatch.etag(policy.version()));
            Json.respond(ctx, 200, Json.object().put("version", policy.version()));
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(e.problems());
        } catch (StaleVersionException e) {
            throw IfMatch.stale(e.current());
        }
    }

    /** {@code GET /v1/policy/versions}. */
    void versions(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        for (PolicyStore.PolicyVersion version : policies.versions(principal.tenantId())) {
            items.addObject()
                    .put("version", version.version())
                    .put("created_at", Json.time(version.createdAt()))
                    .put("created_by", version.createdBy());
        }
        Json.respond(ctx, 200, json);
    }

    /** {@code POST /v1/policy/validate}: 200 when valid, else 422 with every problem; stores nothing. */
    void validate(Context ctx) {
        Authenticator.principal(ctx);
        JsonNode document = bodies.jsonOrYaml(ctx);
        try {
            policies.compile(document);
            Json.respond(ctx, 200, Json.object().put("valid", true));
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(e.problems());
        }
    }

    /** {@code POST /v1/policy/test}: run cases against a submitted policy or the one in force. */
    void test(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Problems problems = new Problems();
        InputNode body = InputNode.root(bodies.json(ctx), problems);
        if (!body.object(TEST_FIELDS)) {
            throw ApiProblem.validation("", "the body must be a JSON object with cases");
        }
        var tenant = tenants.find(principal.tenantId()).orElseThrow(() -> ApiProblem.notFound("tenant"));
        List<PolicyTestCase> cases = PolicyTests.read(body.get("cases"), tenant.defaultLocale());
        CompiledPolicy policy = policies.current(principal.tenantId());
        if (!body.get("policy").isMissing()) {
            try {
                policy = policies.compile(body.get("policy").json());
            } catch (InvalidInputException e) {
                for (Problem problem : e.problems()) {
                    problems.add(problem.field().isEmpty() ? "policy" : "policy." + problem.field(), problem.message());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.validation(problems.list());
        }
        List<PolicyTestResult> results = PolicyTests.run(policy, cases);
        long passed = results.stream().filter(PolicyTestResult::passed).count();
        ObjectNode json = Json.object().put("passed", passed).put("failed", results.size() - passed);
        ArrayNode items = json.putArray("results");
        for (PolicyTestResult result : results) {
            ObjectNode item = items.addObject().put("name", result.name()).put("passed", result.passed());
            ArrayNode failures = item.putArray("failures");
            new ArrayList<>(result.failures()).forEach(failures::add);
            item.set("decision", DecisionJson.write(result.decision()));
        }
        Json.respond(ctx, 200, json);
    }
}
