package dev.switchboard.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.json.RouteRequestJson;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.text.Language;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy tests in the manner of {@code opa test}: cases of {@code {name, input, expect}} run against a policy, each
 * expected field compared with the decision. Thread-safe.
 */
public final class PolicyTests {
    /** Decision fields a case may expect. */
    public static final Set<String> EXPECTABLE = Set.of(
            "mode",
            "decided_by",
            "reason_code",
            "high_risk_triggered",
            "risk_scenario",
            "intent",
            "confidence",
            "target_flow_id",
            "fixed_reply",
            "transfer_message",
            "locale",
            "policy_version");

    private static final Set<String> CASE_FIELDS = Set.of("name", "input", "expect");
    private static final Set<String> CASE_INSENSITIVE = Set.of("mode", "decided_by", "locale");
    public static final int MAX_CASES = 10_000;

    private PolicyTests() {}

    /** Reads a list of cases, recording every problem with its path ({@code [3].expect.mode}). */
    public static List<PolicyTestCase> read(InputNode list, Language defaultLocale) {
        if (list.isMissing() || !list.json().isArray()) {
            list.problem("must be a list of {name, input, expect}");
            return List.of();
        }
        if (list.json().isEmpty()) {
            list.problem("needs at least one case");
            return List.of();
        }
        List<PolicyTestCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (InputNode node : list.list(MAX_CASES)) {
            if (!node.object(CASE_FIELDS)) {
                node.problem("must be an object with name, input and expect");
                continue;
            }
            String name = node.get("name").string(true, 200);
            if (name != null && !names.add(name)) {
                node.get("name").problem("duplicate case name \"" + name + "\"");
            }
            RouteRequest input = RouteRequestJson.read(node.get("input"), defaultLocale);
            Map<String, JsonNode> expect = expectations(node.get("expect"));
            if (name != null && input != null && expect != null) {
                cases.add(new PolicyTestCase(name, input, expect));
            }
        }
        return cases;
    }

    private static Map<String, JsonNode> expectations(InputNode node) {
        if (node.isMissing()) {
            node.problem("is required");
            return null;
        }
        if (!node.object(EXPECTABLE)) {
            return null;
        }
        Map<String, JsonNode> expect = new LinkedHashMap<>();
        node.entries().forEach((field, value) -> {
            if (EXPECTABLE.contains(field)) {
                if (value.json().isContainerNode()) {
                    value.problem("must be a single value");
                } else if (value.json().isNumber()
                        && !Double.isFinite(value.json().doubleValue())) {
                    value.problem("must be a finite number");
                } else {
                    expect.put(field, value.json());
                }
            }
        });
        if (expect.isEmpty()) {
            node.problem("needs at least one of "
                    + String.join(", ", EXPECTABLE.stream().sorted().toList()));
        }
        return expect;
    }

    /** Reads cases from a whole document and throws with every problem when any. */
    public static List<PolicyTestCase> read(JsonNode document, Language defaultLocale) throws InvalidInputException {
        Problems problems = new Problems();
        List<PolicyTestCase> cases = read(InputNode.root(document, problems), defaultLocale);
        problems.throwIfAny();
        return cases;
    }

    public static List<PolicyTestResult> run(CompiledPolicy policy, List<PolicyTestCase> cases) {
        return cases.stream().map(c -> run(policy, c)).toList();
    }

    private static PolicyTestResult run(CompiledPolicy policy, PolicyTestCase testCase) {
        Decision decision = policy.route(testCase.input());
        ObjectNode actual = DecisionJson.write(decision);
        List<String> failures = new ArrayList<>();
        testCase.expect().forEach((field, expected) -> {
            JsonNode got = actual.get(field);
            if (!same(field, expected, got)) {
                failures.add(field + ": expected " + expected + ", got " + got);
            }
        });
        return new PolicyTestResult(testCase.name(), decision, failures);
    }

    private static boolean same(String field, JsonNode expected, JsonNode actual) {
        if (expected.isNull() || actual == null || actual.isNull()) {
            return expected.isNull() && (actual == null || actual.isNull());
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isTextual() && actual.isTextual() && CASE_INSENSITIVE.contains(field)) {
            return expected.textValue().equalsIgnoreCase(actual.textValue());
        }
        return expected.equals(actual);
    }
}
