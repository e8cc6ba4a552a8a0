package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> variables(String contextJson) throws Exception {
        return Map.of(
                "message", "hello",
                "locale", "en",
                "context", CelValues.fromJson(JSON.readTree(contextJson)),
                "session", Map.of(),
                "intent_match", Map.of(),
                "intent_hint", Map.of(),
                "high_risk_check", Map.of(),
                "feature_flags", Map.of());
    }

    private static Condition.Evaluation eval(String expression, String contextJson) throws Exception {
        return Condition.compile(expression, RuleEnvironment.ROUTING).evaluate(variables(contextJson));
    }

    @Test
    void evaluate_comparesIntegralAndFractionalJsonNumbers() throws Exception {
        assertThat(eval("context.value > 100000", "{\"value\": 150000.5}").matched())
                .isTrue();
        assertThat(eval("context.value > 100000", "{\"value\": 100000}").matched())
                .isFalse();
        assertThat(eval("context.value >= 3", "{\"value\": 3.0}").matched()).isTrue();
        assertThat(eval("context.value < 0.3", "{\"value\": 0}").matched()).isTrue();
        assertThat(eval("context.value == 2", "{\"value\": 2.0}").matched()).isTrue();
    }

    @Test
    void evaluate_reportsMissingKeyAsErrorNotException() throws Exception {
        Condition.Evaluation evaluation = eval("context.vip == true", "{}");

        assertThat(evaluation.matched()).isFalse();
        assertThat(evaluation.error()).contains("vip");
    }

    @Test
    void evaluate_supportsHasMacroAndNestedObjects() throws Exception {
        assertThat(eval("has(context.vip) && context.vip", "{}").matched()).isFalse();
        assertThat(eval(
                                "has(context.customer.tier) && context.customer.tier == 'gold'",
                                "{\"customer\": {\"tier\": \"gold\"}}")
                        .matched())
                .isTrue();
        assertThat(eval("context.tags.exists(t, t == 'vip')", "{\"tags\": [\"new\", \"vip\"]}")
                        .matched())
                .isTrue();
        assertThat(eval("context.note == null", "{\"note\": null}").matched()).isTrue();
        assertThat(eval("message.startsWith('he') && locale == 'en'", "{}").matched())
                .isTrue();
    }

    @Test
    void evaluate_stopsRunawayMacros_atTheIterationBudget() throws Exception {
        String list = "[" + String.join(",", java.util.Collections.nCopies(30, "1")) + "]";
        String bomb = "size(" + list + ".map(a, " + list + ".map(b, " + list + ".map(c, 0)))) > 0";

        Condition.Evaluation evaluation = eval(bomb, "{}");

        assertThat(evaluation.matched()).isFalse();
        assertThat(evaluation.error()).contains("Iteration budget exceeded");
        assertThat(eval("context.items.all(i, i > 0)", "{\"items\": " + list.replace("1", "2") + "}")
                        .matched())
                .isTrue();
    }

    @Test
    void compile_reportsPositionOfSyntaxErrors() {
        assertThatThrownBy(() -> Condition.compile("context.x +", RuleEnvironment.ROUTING))
                .isInstanceOfSatisfying(
                        ConditionException.class,
                        e -> assertThat(e.issues()).singleElement().satisfies(issue -> {
                            assertThat(issue.line()).isEqualTo(1);
                            assertThat(issue.column()).isEqualTo(12);
                        }));
    }

    @Test
    void compile_rejectsUnknownVariablesAndNonBooleanResults() {
        assertThatThrownBy(() -> Condition.compile("customer.vip", RuleEnvironment.ROUTING))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("undeclared reference to 'customer'");
        assertThatThrownBy(() -> Condition.compile("'text'", RuleEnvironment.ROUTING))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("bool");
    }
}
