package dev.switchboard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.escalation.Priority;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.Stage;
import dev.switchboard.text.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    private static CompiledPolicy compile(String yaml) throws InvalidInputException {
        return PolicyDocument.compile(yaml, DocumentFormat.YAML, 7);
    }

    private static List<Problem> problems(String text, DocumentFormat format) {
        try {
            PolicyDocument.compile(text, format, 1);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected the policy to be invalid");
    }

    @Test
    void compile_acceptsScenariosOnly_andDefaultsTheRest() throws InvalidInputException {
        CompiledPolicy policy = compile("""
                scenarios:
                  - id: refund
                    keywords: {zh: [退款], en: ["refund*"], ar: [استرداد]}
                """);

        assertThat(policy.version()).isEqualTo(7);
        assertThat(policy.policy().lowConfidenceThreshold()).isEqualTo(0.3);
        assertThat(policy.policy().rules()).isEmpty();
        assertThat(policy.policy().transfer()).isEqualTo(TransferSettings.DEFAULT);
        assertThat(policy.policy().scenarios()).singleElement().satisfies(s -> {
            assertThat(s.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(s.keywords().get(Language.EN)).containsExactly("refund*");
        });
    }

    @Test
    void compile_takesDefaultScenarios_whenOmitted() throws InvalidInputException {
        CompiledPolicy policy = compile("low_confidence_threshold: 0.5");

        assertThat(policy.policy().scenarios())
                .isEqualTo(DefaultPolicy.get().policy().scenarios());
        assertThat(policy.route(RouteRequest.of("转人工")).mode()).isEqualTo(Mode.TRANSFER);
    }

    @Test
    void compile_readsEveryField_inJsonWithEnumsInAnyCase() throws InvalidInputException {
        CompiledPolicy policy = PolicyDocument.compile("""
                {"low_confidence_threshold": 0.25,
                 "scenarios": [{"id": "transfer", "mode": "TRANSFER", "keywords": {"en": ["human"]},
                                "exclude": {"en": ["human resources"]}}],
                 "rules": [{"id": "r1", "stage": "After_Keywords", "when": "message.size() > 100",
                            "mode": "fixed", "reason": "too_long", "message": {"en": "Please shorten."}}],
                 "messages": {"transfer": {"en": "One moment."}},
                 "transfer": {"create_escalation": false, "priority": "Critical",
                              "release_session_on_resolve": false},
                 "decision_log": {"full_text": true}}
                """, DocumentFormat.JSON, 2);

        Policy p = policy.policy();
        assertThat(p.lowConfidenceThreshold()).isEqualTo(0.25);
        assertThat(p.rules()).singleElement().satisfies(r -> {
            assertThat(r.stage()).isEqualTo(Stage.AFTER_KEYWORDS);
            assertThat(r.reasonCode()).isEqualTo("too_long");
        });
        assertThat(p.transfer()).isEqualTo(new TransferSettings(false, Priority.CRITICAL, false));
        assertThat(p.decisionLog().fullText()).isTrue();
        assertThat(policy.route(RouteRequest.of("I need a human")).transferMessage())
                .isEqualTo("One moment.");
        assertThat(policy.route(RouteRequest.of("human resources department")).mode())
                .isEqualTo(Mode.AGENT);
    }

    @Test
    void compile_reportsEveryProblemWithItsFieldPath() {
        List<Problem> problems = problems("""
                low_confidence_threshold: 1.5
                colour: blue
                scenarios:
                  - id: refund
                    mode: fixed
                    keywords: {zh: [退款], fr: [remboursement], en: ["re*fund", "ـــ"], ar: ["استرداد*"]}
                  - id: refund
                    keywords: {en: [money]}
                  - keywords: {en: [x]}
                  - id: Bad-Id
                    keywords: {en: [y]}
                rules:
                  - id: broken_syntax
                    when: 'context.x +'
                    mode: transfer
                  - id: wrong_type
                    when: '1 + 1'
                    mode: fixed
                  - id: no_mode
                    when: 'true'
                  - id: flow_on_transfer
                    stage: sometime
                    when: 'true'
                    mode: transfer
                    flow_id: f1
                messages:
                  greeting: {en: hi}
                  transfer: {fr: bonjour}
                transfer: {priority: urgent}
                """, DocumentFormat.YAML);

        assertThat(problems)
                .extracting(Problem::field)
                .contains(
                        "low_confidence_threshold",
                        "colour",
                        "scenarios[0].mode",
                        "scenarios[0].keywords.fr",
                        "scenarios[0].keywords.en[0]",
                        "scenarios[0].keywords.en[1]",
                        "scenarios[0].keywords.ar[0]",
                        "scenarios[1].id",
                        "scenarios[2].id",
                        "scenarios[3].id",
                        "rules[0].when",
                        "rules[1].when",
                        "rules[2].mode",
                        "rules[3].stage",
                        "rules[3].flow_id",
                        "messages.greeting",
                        "messages.transfer.fr",
                        "transfer.priority");
        assertThat(problems)
                .filteredOn(p -> p.field().equals("rules[0].when"))
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .startsWith("rule broken_syntax: ")
                .contains("line 1, column 12");
        assertThat(problems)
                .filteredOn(p -> p.field().equals("scenarios[1].id"))
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .contains("duplicate");
        assertThat(problems)
                .filteredOn(p -> p.field().equals("transfer.priority"))
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .contains("critical, high, medium, low");
    }

    @Test
    void compile_reportsSyntaxErrorsWithPosition() {
        assertThat(problems("scenarios: [\n  {id: x", DocumentFormat.YAML))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML: line "));
        assertThat(problems("{\"scenarios\": [}", DocumentFormat.JSON))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("line 1, column 16"));
    }

    @Test
    void compile_rejectsDuplicateKeysAndNonObjects() {
        assertThat(problems("low_confidence_threshold: 0.1\nlow_confidence_threshold: 0.2\n", DocumentFormat.YAML))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Duplicate field"));
        assertThat(problems("[1, 2]", DocumentFormat.JSON))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be an object"));
    }

    @Test
    void compile_rejectsWrongTypes() {
        List<Problem> problems = problems("""
                {"low_confidence_threshold": "high", "scenarios": {"id": "x"}, "rules": [42],
                 "decision_log": {"full_text": "yes"}}
                """, DocumentFormat.JSON);

        assertThat(problems)
                .extracting(Problem::field)
                .contains("low_confidence_threshold", "scenarios", "rules[0]", "decision_log.full_text");
    }

    @Test
    void activePolicy_swapsWholeVersionsOnly_forward() throws InvalidInputException {
        ActivePolicy active = new ActivePolicy(compile("messages: {transfer: {en: v7}}"));
        CompiledPolicy v8 = PolicyDocument.compile("messages: {transfer: {en: v8}}", DocumentFormat.YAML, 8);

        assertThat(active.swap(v8)).isTrue();
        assertThat(active.swap(compile("messages: {transfer: {en: stale}}"))).isFalse();
        assertThat(active.route(RouteRequest.of("real person please")).transferMessage())
                .isEqualTo("v8");
        assertThat(active.current().version()).isEqualTo(8);
    }

    @Test
    void compile_failsLoudly_onPolicyTooLargeForTheMatcher() {
        StringBuilder keywords = new StringBuilder();
        for (int[] range : new int[][] {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}}) {
            for (int c = range[0]; c <= range[1]; c++) {
                keywords.append(keywords.isEmpty() ? "" : ", ").appendCodePoint(c);
            }
        }
        assertThatThrownBy(() -> compile("scenarios: [{id: big, keywords: {zh: [" + keywords + "]}}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("distinct characters");
    }
}
