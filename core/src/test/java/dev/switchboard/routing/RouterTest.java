package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.input.DocumentFormat;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.DefaultPolicy;
import dev.switchboard.policy.PolicyDocument;
import dev.switchboard.text.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every row of the decision order of SPEC §2.2, top to bottom. */
class RouterTest {
    private static final CompiledPolicy DEFAULT = DefaultPolicy.get();
    private static final String ZH_TRANSFER = "正在为您转接人工客服...";

    private static final IntentMatch FLOW_INTENT =
            new IntentMatch("i1", "refund_intent", 0.9, ResponseType.FLOW, "refund_flow", null, null, null);
    private static final HighRiskCheck CHECK_TRANSFER =
            new HighRiskCheck(true, "complaint_escalation", null, Mode.TRANSFER);

    private static Decision route(RouteRequest request) {
        return DEFAULT.route(request);
    }

    private static List<String> steps(Decision decision) {
        return decision.trace().stream().map(s -> s.step() + "=" + s.result()).toList();
    }

    @Nested
    class Step1_rollbackToLegacy {
        @Test
        void route_isFixed_whenRollbackFlagSet() {
            Decision decision = route(RouteRequest.of("hello").withFeatureFlags(new FeatureFlags(true, true)));

            assertThat(decision.mode()).isEqualTo(Mode.FIXED);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.ROLLBACK_FLAG);
            assertThat(decision.reasonCode()).isEqualTo("rollback_to_legacy");
            assertThat(steps(decision)).containsExactly("rollback_flag=decided");
        }

        @Test
        void route_rollbackOutranksHumanSessionAndHighRisk() {
            Decision decision = route(RouteRequest.of("我要投诉")
                    .withSession("s-1", SessionMode.HUMAN_ACTIVE)
                    .withHighRiskCheck(CHECK_TRANSFER)
                    .withFeatureFlags(new FeatureFlags(false, true)));

            assertThat(decision.reasonCode()).isEqualTo("rollback_to_legacy");
        }
    }

    @Nested
    class Step2_humanSession {
        @Test
        void route_transfers_whenHumanOwnsSession() {
            Decision decision = route(RouteRequest.of("你好").withSession("s-1", SessionMode.HUMAN_ACTIVE));

            assertThat(decision.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.SESSION_MODE);
            assertThat(decision.reasonCode()).isEqualTo("session_human_active");
            assertThat(decision.transferMessage()).isEqualTo(ZH_TRANSFER);
            assertThat(decision.highRiskTriggered()).isFalse();
        }

        @Test
        void route_humanSessionOutranksStructuredHighRiskCheck() {
            Decision decision = route(RouteRequest.of("hello")
                    .withSession("s-1", SessionMode.HUMAN_ACTIVE)
                    .withHighRiskCheck(new HighRiskCheck(true, "refund", "r1", Mode.MICRO_FLOW)));

            assertThat(decision.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.SESSION_MODE);
        }
    }

    @Nested
    class Step3_highRiskCheck {
        @Test
        void route_transfersWithScenarioMessage_whenCheckRecommendsTransfer() {
            Decision complaint = route(RouteRequest.of("你好").withHighRiskCheck(CHECK_TRANSFER));
            Decision refund = route(RouteRequest.of("你好")
                    .withHighRiskCheck(new HighRiskCheck(true, "refund", "rule_9", Mode.TRANSFER)));
            Decision generic =
                    route(RouteRequest.of("你好").withHighRiskCheck(new HighRiskCheck(true, null, null, Mode.TRANSFER)));

            assertThat(complaint.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(complaint.decidedBy()).isEqualTo(DecidedBy.HIGH_RISK_CHECK);
            assertThat(complaint.transferMessage()).isEqualTo("检测到您可能需要投诉处理,正在为您转接人工客服...");
            assertThat(complaint.reasonCode()).isEqualTo("high_risk_complaint_escalation");
            assertThat(complaint.riskScenario()).isEqualTo("complaint_escalation");
            assertThat(complaint.highRiskTriggered()).isTrue();
            assertThat(refund.transferMessage()).isEqualTo("您的退款请求需要人工处理,正在为您转接...");
            assertThat(refund.reasonCode()).isEqualTo("rule_9");
            assertThat(generic.transferMessage()).isEqualTo(ZH_TRANSFER);
        }

        @Test
        void route_runsIntentFlow_whenCheckRecommendsNothing() {
            Decision decision = route(RouteRequest.of("hello")
                    .withIntentMatch(FLOW_INTENT)
                    .withHighRiskCheck(new HighRiskCheck(true, "refund", null, null)));

            assertThat(decision.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(decision.targetFlowId()).isEqualTo("refund_flow");
            assertThat(decision.intent()).isEqualTo("refund_intent");
            assertThat(decision.confidence()).isEqualTo(0.9);
            assertThat(decision.reasonCode()).isEqualTo("high_risk_refund");
        }

        @Test
        void route_usesRuleIdAsReason_whenNoFlow() {
            Decision decision = route(RouteRequest.of("hello")
                    .withHighRiskCheck(
                            new HighRiskCheck(true, "privacy_sensitive_promise", "pii_rule", Mode.MICRO_FLOW)));

            assertThat(decision.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(decision.targetFlowId()).isNull();
            assertThat(decision.reasonCode()).isEqualTo("pii_rule");
        }

        @Test
        void route_passes_whenCheckDidNotMatch() {
            Decision decision =
                    route(RouteRequest.of("hello").withHighRiskCheck(new HighRiskCheck(false, null, null, null)));

            assertThat(decision.mode()).isEqualTo(Mode.AGENT);
            assertThat(steps(decision)).contains("high_risk_check=pass");
        }

        @Test
        void route_checkOutranksKeywords() {
            Decision decision = route(
                    RouteRequest.of("转人工").withHighRiskCheck(new HighRiskCheck(true, "refund", null, Mode.MICRO_FLOW)));

            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.HIGH_RISK_CHECK);
            assertThat(decision.matches()).isEmpty();
        }
    }

    @Nested
    class Step4_intentHintHighRisk {
        @Test
        void route_transfers_whenHintSuggestsTransfer() {
            Decision decision = route(RouteRequest.of("hello")
                    .withIntentHint(new IntentHint("x", 0.8, Mode.TRANSFER, true, "hint_code", null)));

            assertThat(decision.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.INTENT_HINT);
            assertThat(decision.reasonCode()).isEqualTo("hint_code");
            assertThat(decision.transferMessage()).isEqualTo("Transferring you to a human agent...");
        }

        @Test
        void route_prefersIntentMatchFlow_thenHintFlow_thenReason() {
            IntentHint hint = new IntentHint("hinted", 0.7, Mode.MICRO_FLOW, true, null, "hint_flow");

            Decision withIntentFlow =
                    route(RouteRequest.of("hello").withIntentHint(hint).withIntentMatch(FLOW_INTENT));
            Decision withHintFlow = route(RouteRequest.of("hello").withIntentHint(hint));
            Decision withoutFlow =
                    route(RouteRequest.of("hello").withIntentHint(new IntentHint(null, null, null, true, null, null)));

            assertThat(withIntentFlow.targetFlowId()).isEqualTo("refund_flow");
            assertThat(withIntentFlow.intent()).isEqualTo("refund_intent");
            assertThat(withHintFlow.targetFlowId()).isEqualTo("hint_flow");
            assertThat(withHintFlow.intent()).isEqualTo("hinted");
            assertThat(withoutFlow.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(withoutFlow.reasonCode()).isEqualTo("high_risk_hint");
            assertThat(withoutFlow.highRiskTriggered()).isTrue();
        }
    }

    @Nested
    class Steps5and7_policyRules {
        private final CompiledPolicy policy = compile("""
                scenarios:
                  - id: refund
                    keywords: {zh: [退款], en: ["refund*"]}
                rules:
                  - id: vip_to_human
                    stage: before_keywords
                    when: 'has(context.vip) && context.vip == true'
                    mode: transfer
                    message: {en: "A manager will be with you shortly."}
                  - id: big_order
                    stage: after_keywords
                    when: 'context.order_total > 1000'
                    mode: micro_flow
                    flow_id: big_order_flow
                    reason: large_order
                  - id: broken
                    stage: after_keywords
                    when: 'context.missing_key == 1'
                    mode: fixed
                """);

        @Test
        void beforeKeywordsRule_decidesBeforeKeywords() {
            Decision decision = policy.route(RouteRequest.of("I want a refund").withContext(Map.of("vip", true)));

            assertThat(decision.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.POLICY_RULE);
            assertThat(decision.reasonCode()).isEqualTo("vip_to_human");
            assertThat(decision.transferMessage()).isEqualTo("A manager will be with you shortly.");
            assertThat(decision.matches()).isEmpty();
        }

        @Test
        void keywordsWin_overAfterKeywordsRule() {
            Decision decision =
                    policy.route(RouteRequest.of("I want a refund").withContext(Map.of("order_total", 5000L)));

            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.HIGH_RISK_KEYWORD);
        }

        @Test
        void afterKeywordsRule_decides_whenNoKeywordMatched() {
            Decision decision =
                    policy.route(RouteRequest.of("where is my order").withContext(Map.of("order_total", 1500.5)));

            assertThat(decision.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(decision.reasonCode()).isEqualTo("large_order");
            assertThat(decision.targetFlowId()).isEqualTo("big_order_flow");
            assertThat(steps(decision))
                    .containsSubsequence("rule:vip_to_human=pass", "keywords=pass", "rule:big_order=decided");
        }

        @Test
        void ruleErrors_neverFailTheRequest_andShowInTrace() {
            Decision decision = policy.route(RouteRequest.of("hi"));

            assertThat(decision.mode()).isEqualTo(Mode.AGENT);
            assertThat(decision.trace())
                    .filteredOn(s -> s.step().equals("rule:broken"))
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.result()).isEqualTo(TraceStep.ERROR);
                        assertThat(s.detail()).contains("missing_key");
                    });
        }
    }

    @Nested
    class Step6_keywords {
        @Test
        void route_transfers_onTransferKeyword() {
            Decision decision = route(RouteRequest.of("请帮我转人工"));

            assertThat(decision.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.HIGH_RISK_KEYWORD);
            assertThat(decision.reasonCode()).isEqualTo("high_risk_transfer");
            assertThat(decision.riskScenario()).isEqualTo("transfer");
            assertThat(decision.transferMessage()).isEqualTo(ZH_TRANSFER);
            assertThat(decision.matches()).contains(new KeywordMatch("transfer", "转人工", 3, 6));
        }

        @Test
        void route_detectsTraditionalChinese() {
            Decision decision = route(RouteRequest.of("我要投訴你們"));

            assertThat(decision.riskScenario()).isEqualTo("complaint_escalation");
            assertThat(decision.matches()).first().satisfies(m -> {
                assertThat(m.start()).isEqualTo(2);
                assertThat(m.end()).isEqualTo(4);
            });
        }

        @Test
        void route_runsMicroFlow_onNonTransferScenario() {
            Decision decision = route(RouteRequest.of("我要退款"));

            assertThat(decision.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(decision.reasonCode()).isEqualTo("high_risk_refund");
            assertThat(decision.targetFlowId()).isNull();
            assertThat(decision.highRiskTriggered()).isTrue();
        }

        @Test
        void route_usesIntentFlow_onNonTransferScenario() {
            Decision decision = route(RouteRequest.of("我要退款").withIntentMatch(FLOW_INTENT));

            assertThat(decision.targetFlowId()).isEqualTo("refund_flow");
            assertThat(decision.intent()).isEqualTo("refund_intent");
        }

        @Test
        void route_firstScenarioInPolicyOrderWins() {
            Decision decision = route(RouteRequest.of("再不退款我就投诉，转人工！"));

            assertThat(decision.riskScenario()).isEqualTo("refund");
            assertThat(decision.matches())
                    .extracting(KeywordMatch::scenario)
                    .contains("refund", "complaint_escalation", "transfer");
        }

        @Test
        void route_ignoresExcludedKeyword() {
            Decision decision = route(RouteRequest.of("我对人工智能很感兴趣"));

            assertThat(decision.mode()).isEqualTo(Mode.AGENT);
            assertThat(decision.matches()).isEmpty();
        }

        @Test
        void route_detectsArabicAndEnglish() {
            Decision arabic = route(RouteRequest.of("أُرِيدُ اسْتِرْدَادَ أموالي"));
            Decision english = route(RouteRequest.of("I want to talk to a REAL PERSON"));

            assertThat(arabic.riskScenario()).isEqualTo("refund");
            assertThat(arabic.locale()).isEqualTo(Language.AR);
            assertThat(english.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(english.transferMessage()).isEqualTo("Transferring you to a human agent...");
        }

        @Test
        void route_scenarioModeOverridesDefault() {
            CompiledPolicy policy = compile("""
                    scenarios:
                      - id: complaint_escalation
                        mode: transfer
                        keywords: {en: ["complaint"]}
                    """);

            Decision decision = policy.route(RouteRequest.of("I have a complaint"));

            assertThat(decision.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(decision.transferMessage())
                    .isEqualTo("It looks like you need help with a complaint. Transferring you to a human agent...");
        }
    }

    @Nested
    class Step8_lowConfidenceHint {
        @Test
        void route_followsLowConfidenceHint_forFixedOrFlow() {
            Decision fixed = route(RouteRequest.of("hello")
                    .withIntentHint(new IntentHint("greeting", 0.1, Mode.FIXED, false, null, null)));
            Decision flow = route(RouteRequest.of("hello")
                    .withIntentHint(new IntentHint("greeting", 0.29, Mode.MICRO_FLOW, false, "unsure", "clarify")));

            assertThat(fixed.mode()).isEqualTo(Mode.FIXED);
            assertThat(fixed.decidedBy()).isEqualTo(DecidedBy.LOW_CONFIDENCE_HINT);
            assertThat(fixed.reasonCode()).isEqualTo("low_confidence_hint");
            assertThat(fixed.intent()).isEqualTo("greeting");
            assertThat(flow.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(flow.reasonCode()).isEqualTo("unsure");
            assertThat(flow.targetFlowId()).isEqualTo("clarify");
        }

        @Test
        void route_ignoresHint_atThresholdOrSuggestingAgent() {
            Decision atThreshold = route(
                    RouteRequest.of("hello").withIntentHint(new IntentHint("g", 0.3, Mode.FIXED, false, null, null)));
            Decision suggestsAgent = route(
                    RouteRequest.of("hello").withIntentHint(new IntentHint("g", 0.1, Mode.AGENT, false, null, null)));

            assertThat(atThreshold.mode()).isEqualTo(Mode.AGENT);
            assertThat(suggestsAgent.mode()).isEqualTo(Mode.AGENT);
        }

        @Test
        void route_usesPolicyThreshold() {
            CompiledPolicy policy = compile("low_confidence_threshold: 0.5\n");

            Decision decision = policy.route(
                    RouteRequest.of("hello").withIntentHint(new IntentHint("g", 0.4, Mode.FIXED, false, null, null)));

            assertThat(decision.mode()).isEqualTo(Mode.FIXED);
        }
    }

    @Nested
    class Step9_intentMatch {
        private Decision withIntent(Double confidence, ResponseType type, String flow, String reply, String transfer) {
            return route(RouteRequest.of("hello")
                    .withIntentMatch(new IntentMatch("i", "name", confidence, type, flow, reply, transfer, null)));
        }

        @Test
        void lowConfidence_fallsBackToFlow_thenReply_thenNoFlow() {
            Decision flow = withIntent(0.1, ResponseType.AGENT, "f1", "canned", null);
            Decision reply = withIntent(0.1, ResponseType.AGENT, null, "canned", null);
            Decision none = withIntent(0.1, ResponseType.AGENT, null, null, null);

            assertThat(flow.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(flow.targetFlowId()).isEqualTo("f1");
            assertThat(flow.reasonCode()).isEqualTo("low_confidence");
            assertThat(reply.mode()).isEqualTo(Mode.FIXED);
            assertThat(reply.fixedReply()).isEqualTo("canned");
            assertThat(reply.reasonCode()).isEqualTo("low_confidence");
            assertThat(none.mode()).isEqualTo(Mode.FIXED);
            assertThat(none.reasonCode()).isEqualTo("low_confidence_no_flow");
            assertThat(none.decidedBy()).isEqualTo(DecidedBy.INTENT_MATCH);
        }

        @Test
        void confidentIntent_followsResponseType() {
            Decision fixed = withIntent(0.9, ResponseType.FIXED, null, "Our hours are 9-5.", null);
            Decision transfer = withIntent(0.9, ResponseType.TRANSFER, null, null, "Connecting you to billing.");
            Decision transferDefault = withIntent(0.9, ResponseType.TRANSFER, null, null, null);
            Decision flow = withIntent(0.9, ResponseType.FLOW, "f2", null, null);
            Decision agent = withIntent(0.9, ResponseType.AGENT, null, null, null);

            assertThat(fixed.mode()).isEqualTo(Mode.FIXED);
            assertThat(fixed.fixedReply()).isEqualTo("Our hours are 9-5.");
            assertThat(transfer.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(transfer.transferMessage()).isEqualTo("Connecting you to billing.");
            assertThat(transferDefault.transferMessage()).isEqualTo("Transferring you to a human agent...");
            assertThat(flow.mode()).isEqualTo(Mode.MICRO_FLOW);
            assertThat(flow.targetFlowId()).isEqualTo("f2");
            assertThat(agent.mode()).isEqualTo(Mode.AGENT);
            assertThat(agent.decidedBy()).isEqualTo(DecidedBy.DEFAULT);
            assertThat(agent.intent()).isEqualTo("name");
            assertThat(agent.confidence()).isEqualTo(0.9);
        }
    }

    @Nested
    class Steps10and11_agent {
        @Test
        void route_isFixed_whenAgentDisabled() {
            Decision decision = route(RouteRequest.of("hello").withFeatureFlags(new FeatureFlags(false, false)));

            assertThat(decision.mode()).isEqualTo(Mode.FIXED);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.AGENT_DISABLED);
            assertThat(decision.reasonCode()).isEqualTo("agent_disabled");
        }

        @Test
        void route_isAgent_otherwise_withFullTrace() {
            Decision decision = route(RouteRequest.of("What are your opening hours?"));

            assertThat(decision.mode()).isEqualTo(Mode.AGENT);
            assertThat(decision.decidedBy()).isEqualTo(DecidedBy.DEFAULT);
            assertThat(decision.reasonCode()).isNull();
            assertThat(decision.policyVersion()).isEqualTo(1);
            assertThat(steps(decision))
                    .containsExactly(
                            "rollback_flag=pass",
                            "session_mode=pass",
                            "high_risk_check=absent",
                            "intent_hint_high_risk=absent",
                            "keywords=pass",
                            "low_confidence_hint=absent",
                            "intent_match=absent",
                            "agent_enabled=pass",
                            "default=decided");
        }
    }

    @Nested
    class Locale {
        @Test
        void locale_comesFromRequest_thenScript_thenDefault() {
            assertThat(route(RouteRequest.of("转人工").withLocale(Language.AR)).transferMessage())
                    .isEqualTo("جارٍ تحويلك إلى أحد موظفي خدمة العملاء...");
            assertThat(route(RouteRequest.of("转人工")).locale()).isEqualTo(Language.ZH);
            assertThat(route(RouteRequest.of("12315 !!")).locale()).isEqualTo(Language.EN);
            assertThat(route(RouteRequest.of("12315 !!").withDefaultLocale(Language.AR))
                            .locale())
                    .isEqualTo(Language.AR);
        }
    }

    static CompiledPolicy compile(String yaml) {
        try {
            return PolicyDocument.compile(yaml, DocumentFormat.YAML, 1);
        } catch (dev.switchboard.input.InvalidInputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
