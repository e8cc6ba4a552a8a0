package dev.switchboard.routing;

import dev.switchboard.rules.Condition;
import java.util.List;

/**
 * The routing half of a policy version, compiled: scenarios with their one-pass matcher, rules with their CEL
 * conditions split by stage, messages and the low-confidence threshold. Built once per version and never changed, so
 * a route in flight sees one version whole. Thread-safe.
 */
public final class RoutingPolicy {
    public static final double DEFAULT_LOW_CONFIDENCE_THRESHOLD = 0.3;

    /** A rule with its compiled condition. */
    public record CompiledRule(RoutingRule rule, Condition condition) {}

    private final int version;
    private final double lowConfidenceThreshold;
    private final List<Scenario> scenarios;
    private final ScenarioMatcher matcher;
    private final List<CompiledRule> beforeKeywords;
    private final List<CompiledRule> afterKeywords;
    private final Messages messages;

    public RoutingPolicy(
            int version,
            double lowConfidenceThreshold,
            List<Scenario> scenarios,
            List<CompiledRule> rules,
            Messages messages) {
        this.version = version;
        this.lowConfidenceThreshold = lowConfidenceThreshold;
        this.scenarios = List.copyOf(scenarios);
        this.matcher = ScenarioMatcher.compile(this.scenarios);
        this.beforeKeywords = rules.stream()
                .filter(r -> r.rule().stage() == Stage.BEFORE_KEYWORDS)
                .toList();
        this.afterKeywords = rules.stream()
                .filter(r -> r.rule().stage() == Stage.AFTER_KEYWORDS)
                .toList();
        this.messages = messages;
    }

    private RoutingPolicy(RoutingPolicy same, int version) {
        this.version = version;
        this.lowConfidenceThreshold = same.lowConfidenceThreshold;
        this.scenarios = same.scenarios;
        this.matcher = same.matcher;
        this.beforeKeywords = same.beforeKeywords;
        this.afterKeywords = same.afterKeywords;
        this.messages = same.messages;
    }

    /** The same compiled policy under another version number; shares everything, costs nothing. */
    public RoutingPolicy withVersion(int newVersion) {
        return newVersion == version ? this : new RoutingPolicy(this, newVersion);
    }

    /** Decides one message (SPEC §2.2). */
    public Decision route(RouteRequest request) {
        return Router.route(this, request);
    }

    /** The keyword matches of a message against this policy's scenarios, exclusions applied, in text order. */
    public List<KeywordMatch> findKeywords(String message) {
        return matcher.find(message).matches();
    }

    public int version() {
        return version;
    }

    public double lowConfidenceThreshold() {
        return lowConfidenceThreshold;
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    public Messages messages() {
        return messages;
    }

    ScenarioMatcher matcher() {
        return matcher;
    }

    List<CompiledRule> rules(Stage stage) {
        return stage == Stage.BEFORE_KEYWORDS ? beforeKeywords : afterKeywords;
    }
}
