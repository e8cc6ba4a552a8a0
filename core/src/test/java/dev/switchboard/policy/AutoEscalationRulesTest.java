package dev.switchboard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.Priority;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.text.Language;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's {@code auto_escalation_rules}: the seed's five by default, validated with field paths. */
class AutoEscalationRulesTest {
    @Test
    void defaultPolicy_hasTheSeedsFiveRules_inOrder() {
        List<AutoEscalationRule> rules = DefaultPolicy.get().policy().autoEscalationRules();

        assertThat(rules)
                .extracting(AutoEscalationRule::id)
                .containsExactly(
                        "rule_high_value_deal",
                        "rule_no_response_5d",
                        "rule_low_confidence",
                        "rule_consent_expired",
                        "rule_delivery_failed_3x");
        assertThat(rules)
                .extracting(AutoEscalationRule::when)
                .containsExactly(
                        "deal_value_sar > 100000",
                        "days_since_last_response > 5",
                        "confidence < 0.3",
                        "consent_expired == true",
                        "delivery_failures >= 3");
        assertThat(rules)
                .extracting(AutoEscalationRule::priority)
                .containsExactly(Priority.HIGH, Priority.MEDIUM, Priority.HIGH, Priority.CRITICAL, Priority.MEDIUM);
        assertThat(rules)
                .extracting(AutoEscalationRule::targetRole)
                .containsExactly("manager", "assigned_rep", "human_reviewer", "compliance", "assigned_rep");
        assertThat(rules.get(3).reason()).isEqualTo(EscalationReason.CONSENT_EXPIRED);
        assertThat(rules).allSatisfy(rule -> {
            for (Language language : Language.values()) {
                assertThat(rule.name().in(language))
                        .as(rule.id() + " name " + language)
                        .isPresent();
                assertThat(rule.suggestedAction().in(language))
                        .as(rule.id() + " action " + language)
                        .isPresent();
            }
        });
    }

    @Test
    void aPolicyWithoutTheSection_getsTheDefaults_andAnEmptyListMeansNone() throws InvalidInputException {
        CompiledPolicy omitted = PolicyDocument.compile("{}", DocumentFormat.JSON, 1);
        CompiledPolicy none = PolicyDocument.compile("{\"auto_escalation_rules\": []}", DocumentFormat.JSON, 1);

        assertThat(omitted.policy().autoEscalationRules()).hasSize(5);
        assertThat(none.policy().autoEscalationRules()).isEmpty();
    }

    @Test
    void aRule_mayOverrideTheSla() throws InvalidInputException {
        CompiledPolicy policy = PolicyDocument.compile("""
                auto_escalation_rules:
                  - id: vip_waiting
                    when: "tier == 'vip' && waiting_minutes > 10"
                    priority: critical
                    target_role: vip_desk
                    reason: timeout
                    name: {en: VIP waiting}
                    sla: {minutes: 30, business_hours: false}
                """, DocumentFormat.YAML, 1);

        AutoEscalationRule rule = policy.policy().autoEscalationRules().getFirst();
        assertThat(rule.sla()).isEqualTo(new SlaTarget(Duration.ofMinutes(30), false));
        assertThat(rule.suggestedAction()).isNull();
    }

    @Test
    void invalidRules_reportEveryProblemWithItsPath() {
        assertThatThrownBy(() -> PolicyDocument.compile("""
                        auto_escalation_rules:
                          - id: Bad-Id
                            when: "x >"
                            priority: urgent
                            reason: bored
                            colour: red
                          - id: ok_rule
                            when: "x > 1"
                            priority: low
                            target_role: ops
                            reason: timeout
                            sla: {hours: 0}
                          - id: ok_rule
                            when: "x > 2"
                            priority: low
                            target_role: ops
                            reason: timeout
                        """, DocumentFormat.YAML, 1))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .contains(
                                        "auto_escalation_rules[0].id",
                                        "auto_escalation_rules[0].when",
                                        "auto_escalation_rules[0].priority",
                                        "auto_escalation_rules[0].target_role",
                                        "auto_escalation_rules[0].reason",
                                        "auto_escalation_rules[0].colour",
                                        "auto_escalation_rules[1].sla.hours",
                                        "auto_escalation_rules[2].id"));
    }
}
