package dev.switchboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.policy.DefaultPolicy;
import dev.switchboard.text.Language;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTestsTest {

    private static List<PolicyTestCase> cases(String yaml) throws InvalidInputException {
        return PolicyTests.read(Documents.parse(yaml, DocumentFormat.YAML), Language.EN);
    }

    @Test
    void run_comparesExpectedFields_enumsIgnoringCase() throws InvalidInputException {
        List<PolicyTestResult> results = PolicyTests.run(DefaultPolicy.get(), cases("""
                - name: refund zh
                  input: {message: 我要退款}
                  expect: {mode: MICRO_FLOW, risk_scenario: refund, high_risk_triggered: true, policy_version: 1}
                - name: wrong expectation
                  input: {message: 你好, intent_match: {confidence: 0.9, response_type: flow, flow_id: f1}}
                  expect: {mode: agent, target_flow_id: f1, reason_code: null}
                """));

        assertThat(results.get(0).passed()).isTrue();
        assertThat(results.get(1).passed()).isFalse();
        assertThat(results.get(1).failures())
                .containsExactly(
                        "mode: expected \"agent\", got \"micro_flow\"",
                        "reason_code: expected null, got \"intent_flow\"");
    }

    @Test
    void read_reportsEveryProblemWithItsPath() {
        assertThatThrownBy(() -> cases("""
                - name: a
                  input: {message: hi, locale: fr, bogus: 1}
                  expect: {mode: agent, colour: red}
                - name: a
                  input: {}
                  expect: {}
                - just a string
                """))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field())
                                .contains(
                                        "[0].input.locale",
                                        "[0].input.bogus",
                                        "[0].expect.colour",
                                        "[1].name",
                                        "[1].input.message",
                                        "[1].expect",
                                        "[2]"));
        assertThatThrownBy(() -> cases("name: not a list"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a list");
    }
}
