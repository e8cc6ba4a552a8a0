package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auto-escalation conditions: the context's keys as bare identifiers (SPEC §3.4). */
class ContextConditionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean matches(String expression, String contextJson) throws Exception {
        Map<String, Object> context = CelValues.objectFromJson(JSON.readTree(contextJson));
        Map<String, Object> variables = new HashMap<>(context);
        variables.put("context", context);
        return Condition.compile(expression, RuleEnvironment.CONTEXT)
                .evaluate(variables)
                .matched();
    }

    @Test
    void bareIdentifiers_readTheContext_withNumbersComparedAsNumbers() throws Exception {
        assertThat(matches("deal_value_sar > 100000", "{\"deal_value_sar\": 150000}"))
                .isTrue();
        assertThat(matches("deal_value_sar > 100000", "{\"deal_value_sar\": 100000.5}"))
                .isTrue();
        assertThat(matches("deal_value_sar > 100000", "{\"deal_value_sar\": 100000}"))
                .isFalse();
        assertThat(matches("delivery_failures >= 3", "{\"delivery_failures\": 3.0}"))
                .isTrue();
        assertThat(matches("confidence < 0.3", "{\"confidence\": 0}")).isTrue();
        assertThat(matches("consent_expired == true", "{\"consent_expired\": true}"))
                .isTrue();
        assertThat(matches("tier == 'gold' && spend > 10", "{\"tier\": \"gold\", \"spend\": 11}"))
                .isTrue();
        assertThat(matches("context.deal_value_sar > 1", "{\"deal_value_sar\": 2}"))
                .isTrue();
        assertThat(matches("tags.exists(t, t == 'vip')", "{\"tags\": [\"new\", \"vip\"]}"))
                .isTrue();
        assertThat(matches("customer.tier == 'gold'", "{\"customer\": {\"tier\": \"gold\"}}"))
                .isTrue();
    }

    @Test
    void missingKeysAndWrongTypes_doNotMatch_andNeverThrow() throws Exception {
        assertThat(matches("deal_value_sar > 100000", "{}")).isFalse();
        assertThat(matches("deal_value_sar > 100000", "{\"deal_value_sar\": null}"))
                .isFalse();
        assertThat(matches("deal_value_sar > 100000", "{\"deal_value_sar\": \"lots\"}"))
                .isFalse();
        assertThat(matches("consent_expired == true", "{\"consent_expired\": \"true\"}"))
                .isFalse();
        assertThat(matches("customer.tier == 'gold'", "{\"customer\": {}}")).isFalse();
        assertThat(matches("a > 1 || b > 1", "{\"b\": 2}")).isTrue();
    }

    @Test
    void syntaxErrors_areReportedWithTheirPosition() {
        assertThatThrownBy(() -> Condition.compile("deal_value_sar >", RuleEnvironment.CONTEXT))
                .isInstanceOfSatisfying(
                        ConditionException.class,
                        e -> assertThat(e.issues())
                                .first()
                                .satisfies(issue -> assertThat(issue.column()).isGreaterThan(1)));
        assertThatThrownBy(() -> Condition.compile("deal_value_sar + 1", RuleEnvironment.CONTEXT))
                .isInstanceOf(ConditionException.class);
    }
}
