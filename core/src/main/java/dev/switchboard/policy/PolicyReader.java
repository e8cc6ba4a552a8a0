package dev.switchboard.policy;

import dev.switchboard.escalation.Priority;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.KeywordSyntax;
import dev.switchboard.routing.Messages;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.RoutingPolicy;
import dev.switchboard.routing.RoutingRule;
import dev.switchboard.routing.Scenario;
import dev.switchboard.routing.Stage;
import dev.switchboard.rules.Condition;
import dev.switchboard.rules.ConditionException;
import dev.switchboard.rules.RuleEnvironment;
import dev.switchboard.text.Language;
import dev.switchboard.text.LocalizedText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a policy document tree into a {@link Policy}, recording every problem with its field path and reading on
 * past them, so that one pass reports everything. Omitted sections take their defaults. Not thread-safe; one per
 * document.
 */
final class PolicyReader {
    static final int MAX_SCENARIOS = 100;
    static final int MAX_KEYWORDS = 50_000;
    static final int MAX_RULES = 200;
    static final int MAX_EXPRESSION_LENGTH = 4_000;
    static final int MAX_MESSAGE_LENGTH = 2_000;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> ROOT_FIELDS = Set.of(
            "low_confidence_threshold",
            "scenarios",
            "rules",
            "messages",
            "transfer",
            "decision_log",
            "sla",
            "auto_escalation_rules");
    private static final Set<String> SCENARIO_FIELDS = Set.of("id", "mode", "keywords", "exclude");
    private static final Set<String> RULE_FIELDS =
            Set.of("id", "stage", "when", "mode", "reason", "flow_id", "message");
    private static final Set<String> TRANSFER_FIELDS =
            Set.of("create_escalation", "priority", "release_session_on_resolve");
    private static final Set<String> LOG_FIELDS = Set.of("full_text");
    private static final Set<String> LANGUAGE_FIELDS = Set.of("en", "ar", "zh");

    private final List<Scenario> defaultScenarios;
    private final List<AutoEscalationRule> defaultAutoRules;
    private final List<RoutingPolicy.CompiledRule> compiledRules = new ArrayList<>();
    private int keywordCount;

    /** A reader whose omitted {@code scenarios} and {@code auto_escalation_rules} take these. */
    PolicyReader(List<Scenario> defaultScenarios, List<AutoEscalationRule> defaultAutoRules) {
        this.defaultScenarios = defaultScenarios;
        this.defaultAutoRules = defaultAutoRules;
    }

    Policy read(InputNode root) {
        if (root.isMissing() || !root.json().isObject()) {
            root.problem("a policy must be an object (JSON) or a mapping (YAML)");
            return null;
        }
        root.object(ROOT_FIELDS);
        double threshold =
                root.get("low_confidence_threshold").number(0, 1, RoutingPolicy.DEFAULT_LOW_CONFIDENCE_THRESHOLD);
        InputNode scenarioList = root.get("scenarios");
        List<Scenario> scenarios = scenarioList.isMissing() ? defaultScenarios : scenarios(scenarioList);
        List<RoutingRule> rules = rules(root.get("rules"));
        Map<String, LocalizedText> messages = messages(root.get("messages"), scenarios);
        InputNode autoRules = root.get("auto_escalation_rules");
        return new Policy(
                threshold,
                scenarios,
                rules,
                messages,
                transfer(root.get("transfer")),
                decisionLog(root.get("decision_log")),
                SlaReader.read(root.get("sla")),
                autoRules.isMissing() ? defaultAutoRules : AutoEscalationReader.read(autoRules));
    }

    private List<Scenario> scenarios(InputNode list) {
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (InputNode node : list.list(MAX_SCENARIOS)) {
            if (!node.object(SCENARIO_FIELDS)) {
                node.problem("must be an object with id and keywords");
                continue;
            }
            String id = id(node.get("id"), ids);
            Mode mode = node.get("mode").enumValue(Mode.class, null);
            if (mode != null && mode != Mode.TRANSFER && mode != Mode.MICRO_FLOW) {
                node.get("mode").problem("a scenario's mode must be transfer or micro_flow");
            }
            Map<Language, List<String>> keywords = keywords(node.get("keywords"));
            Map<Language, List<String>> exclusions = keywords(node.get("exclude"));
            if (node.get("keywords").isMissing()) {
                node.get("keywords").problem("is required");
            }
            if (id != null) {
                scenarios.add(new Scenario(id, mode != null ? mode : Scenario.defaultMode(id), keywords, exclusions));
            }
        }
        return scenarios;
    }

    private Map<Language, List<String>> keywords(InputNode byLanguage) {
        Map<Language, List<String>> keywords = new EnumMap<>(Language.class);
        byLanguage.entries().forEach((code, list) -> {
            if (!LANGUAGE_FIELDS.contains(code)) {
                list.problem("unknown language; use en, ar or zh");
                return;
            }
            Language language = WireEnum.parse(Language.class, code).orElseThrow();
            List<String> words = new ArrayList<>();
            for (InputNode word : list.list(MAX_KEYWORDS)) {
                String text = word.string(true, KeywordSyntax.MAX_LENGTH);
                if (text == null) {
                    continue;
                }
                KeywordSyntax.problem(text).ifPresentOrElse(word::problem, () -> words.add(text));
            }
            keywordCount += words.size();
            if (keywordCount > MAX_KEYWORDS) {
                list.problem("a policy may have at most " + MAX_KEYWORDS + " keywords and exclusions");
            }
            keywords.put(language, words);
        });
        return keywords;
    }

    private List<RoutingRule> rules(InputNode list) {
        List<RoutingRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (InputNode node : list.list(MAX_RULES)) {
            if (!node.object(RULE_FIELDS)) {
                node.problem("must be an object with id, when and mode");
                continue;
            }
            String id = id(node.get("id"), ids);
            Stage stage = node.get("stage").enumValue(Stage.class, Stage.BEFORE_KEYWORDS);
            String when = node.get("when").string(true, MAX_EXPRESSION_LENGTH);
            Mode mode = node.get("mode").enumValue(Mode.class, null);
            if (node.get("mode").isMissing()) {
                node.get("mode").problem("is required");
            }
            String reason = optionalId(node.get("reason"));
            String flowId = node.get("flow_id").string(false, 200);
            LocalizedText message = localized(node.get("message"));
            if (flowId != null && mode != null && mode != Mode.MICRO_FLOW) {
                node.get("flow_id").problem("only applies to mode micro_flow");
            }
            if (message != null && mode != null && mode != Mode.FIXED && mode != Mode.TRANSFER) {
                node.get("message").problem("only applies to modes fixed and transfer");
            }
            Condition condition = when == null ? null : condition(node.get("when"), id, when);
            if (id != null && condition != null && mode != null) {
                RoutingRule rule = new RoutingRule(id, stage, when, mode, reason, flowId, message);
                rules.add(rule);
                compiledRules.add(new RoutingPolicy.CompiledRule(rule, condition));
            }
        }
        return rules;
    }

    /** The rules read so far with their compiled conditions. */
    List<RoutingPolicy.CompiledRule> compiledRules() {
        return List.copyOf(compiledRules);
    }

    private static Condition condition(InputNode node, String id, String when) {
        try {
            return Condition.compile(when, RuleEnvironment.ROUTING);
        } catch (ConditionException e) {
            String rule = id == null ? "rule" : "rule " + id;
            e.issues().forEach(issue -> node.problem(rule + ": " + issue));
            return null;
        }
    }

    private Map<String, LocalizedText> messages(InputNode node, List<Scenario> scenarios) {
        Map<String, LocalizedText> messages = new LinkedHashMap<>();
        Set<String> known = new HashSet<>(List.of(Messages.TRANSFER));
        scenarios.forEach(s -> known.add(Messages.TRANSFER + "_" + s.id()));
        node.entries().forEach((id, text) -> {
            if (!known.contains(id)) {
                text.problem("unknown message; use transfer or transfer_<scenario id>");
                return;
            }
            LocalizedText localized = localized(text);
            if (localized != null) {
                messages.put(id, localized);
            }
        });
        return messages;
    }

    static LocalizedText localized(InputNode node) {
        if (!node.object(LANGUAGE_FIELDS)) {
            return null;
        }
        Map<Language, String> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String text = node.get(language.code()).string(false, MAX_MESSAGE_LENGTH);
            if (text != null) {
                texts.put(language, text);
            }
        }
        if (texts.isEmpty()) {
            node.problem("needs a text in at least one of en, ar, zh");
            return null;
        }
        return new LocalizedText(texts);
    }

    private static TransferSettings transfer(InputNode node) {
        TransferSettings d = TransferSettings.DEFAULT;
        if (!node.object(TRANSFER_FIELDS)) {
            return d;
        }
        return new TransferSettings(
                node.get("create_escalation").bool(d.createEscalation()),
                node.get("priority").enumValue(Priority.class, d.priority()),
                node.get("release_session_on_resolve").bool(d.releaseSessionOnResolve()));
    }

    private static DecisionLogSettings decisionLog(InputNode node) {
        if (!node.object(LOG_FIELDS)) {
            return DecisionLogSettings.DEFAULT;
        }
        return new DecisionLogSettings(node.get("full_text").bool(DecisionLogSettings.DEFAULT.fullText()));
    }

    static String id(InputNode node, Set<String> seen) {
        String id = node.string(true, 64);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            node.problem("must be lowercase letters, digits and _ (starting with a letter), at most 64");
            return null;
        }
        if (!seen.add(id)) {
            node.problem("duplicate id \"" + id + "\"");
            return null;
        }
        return id;
    }

    private static String optionalId(InputNode node) {
        String id = node.string(false, 64);
        if (id != null && !ID.matcher(id).matches()) {
            node.problem("must be lowercase letters, digits and _ (starting with a letter), at most 64");
            return null;
        }
        return id;
    }
}
