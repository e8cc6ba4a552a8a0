package dev.switchboard.routing;

import dev.switchboard.rules.Condition;
import dev.switchboard.text.Language;
import java.util.ArrayList;
import java.util.List;

/** A decision being taken: the trace so far and the fields set on the way. Single use, not thread-safe. */
final class Draft {
    final RouteRequest request;
    final Language locale;
    private final RoutingPolicy policy;
    private final List<TraceStep> trace = new ArrayList<>(12);
    private boolean highRisk;
    private String riskScenario;
    private List<KeywordMatch> matches = List.of();
    private String intent;
    private Double confidence;
    private String targetFlowId;
    private String fixedReply;
    private String transferMessage;

    Draft(RoutingPolicy policy, RouteRequest request, Language locale) {
        this.policy = policy;
        this.request = request;
        this.locale = locale;
    }

    /** Traces a step and returns whether it decides. */
    boolean step(String name, boolean decides) {
        trace.add(new TraceStep(name, decides ? TraceStep.DECIDED : TraceStep.PASS, null));
        return decides;
    }

    /** Traces a step whose input may be absent. */
    boolean step(String name, Object input, boolean decides) {
        if (input == null) {
            absent(name);
            return false;
        }
        return step(name, decides);
    }

    /** Traces a step with a detail that is kept only when it decides. */
    boolean step(String name, boolean decides, String detail) {
        trace.add(new TraceStep(name, decides ? TraceStep.DECIDED : TraceStep.PASS, decides ? detail : null));
        return decides;
    }

    void absent(String name) {
        trace.add(new TraceStep(name, TraceStep.ABSENT, null));
    }

    /** Traces a policy rule's evaluation and returns whether it matched. */
    boolean rule(String id, Condition.Evaluation evaluation) {
        String result = evaluation.matched()
                ? TraceStep.DECIDED
                : evaluation.error() != null ? TraceStep.ERROR : TraceStep.PASS;
        trace.add(new TraceStep("rule:" + id, result, evaluation.error()));
        return evaluation.matched();
    }

    Draft highRisk(String scenario) {
        highRisk = true;
        riskScenario = scenario;
        return this;
    }

    void matches(List<KeywordMatch> found) {
        matches = found;
    }

    void intent(String name, Double value) {
        intent = name;
        confidence = value;
    }

    Decision fixed(DecidedBy by, String reason, String reply) {
        fixedReply = reply;
        return decide(Mode.FIXED, by, reason);
    }

    /** A transfer with the policy's message for {@code scenario} (generic when null) in the message's language. */
    Decision transfer(DecidedBy by, String reason, String scenario) {
        return transferWith(by, reason, policy.messages().transfer(scenario, locale));
    }

    Decision transferWith(DecidedBy by, String reason, String message) {
        transferMessage = message;
        return decide(Mode.TRANSFER, by, reason);
    }

    /** A flow: the intent match's flow when it has one (with its intent), else {@code fallbackFlow}. */
    Decision flow(DecidedBy by, String reason, String fallbackFlow) {
        IntentMatch match = request.intentMatch();
        if (match != null && match.flowId() != null) {
            intent(match.intentName(), match.confidence());
            return flowTo(by, reason, match.flowId());
        }
        return flowTo(by, reason, fallbackFlow);
    }

    Decision flowTo(DecidedBy by, String reason, String flow) {
        targetFlowId = flow;
        return decide(Mode.MICRO_FLOW, by, reason);
    }

    Decision decide(Mode mode, DecidedBy by, String reason) {
        return new Decision(
                mode,
                by,
                reason,
                highRisk,
                riskScenario,
                matches,
                intent,
                confidence,
                targetFlowId,
                fixedReply,
                transferMessage,
                locale,
                policy.version(),
                trace);
    }
}
