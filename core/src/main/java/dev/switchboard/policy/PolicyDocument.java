package dev.switchboard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.routing.Messages;
import dev.switchboard.routing.RoutingPolicy;
import dev.switchboard.routing.Scenario;
import java.util.List;

/**
 * Reads, validates and compiles policy documents (JSON or YAML). Every problem is reported at once with its field
 * path — CEL errors with rule id, line and column. Thread-safe.
 */
public final class PolicyDocument {
    private PolicyDocument() {}

    /** Parses, validates and compiles a policy text as version {@code version}. */
    public static CompiledPolicy compile(String text, DocumentFormat format, int version) throws InvalidInputException {
        return compile(Documents.parse(text, format), version);
    }

    /** Validates and compiles a parsed policy document as version {@code version}. */
    public static CompiledPolicy compile(JsonNode document, int version) throws InvalidInputException {
        Policy defaults = DefaultPolicy.get().policy();
        return compile(document, version, defaults.scenarios(), defaults.autoEscalationRules());
    }

    static CompiledPolicy compile(
            JsonNode document, int version, List<Scenario> defaultScenarios, List<AutoEscalationRule> defaultAutoRules)
            throws InvalidInputException {
        Problems problems = new Problems();
        PolicyReader reader = new PolicyReader(defaultScenarios, defaultAutoRules);
        Policy policy = reader.read(InputNode.root(document, problems));
        problems.throwIfAny();
        RoutingPolicy routing;
        try {
            routing = new RoutingPolicy(
                    version,
                    policy.lowConfidenceThreshold(),
                    policy.scenarios(),
                    reader.compiledRules(),
                    new Messages(policy.messages()));
        } catch (IllegalArgumentException e) {
            problems.add("scenarios", e.getMessage());
            throw new InvalidInputException(problems.list());
        }
        return new CompiledPolicy(version, policy, document, routing);
    }
}
