package dev.switchboard.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.TraceStep;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire form of a decision (SPEC §2.1), without the fields only a server adds (session, ids). It is written in one
 * place, as a stream of fields ({@link #writeFields}): the routing endpoint streams it straight into its response,
 * and the tree form ({@link #write(Decision)}) is read back from the same stream.
 */
public final class DecisionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper TREES = JsonMappers.create();

    private DecisionJson() {}

    /** The decision as a JSON object. */
    public static ObjectNode write(Decision decision) {
        try (TokenBuffer tokens = new TokenBuffer(TREES, false)) {
            tokens.writeStartObject();
            writeFields(tokens, decision);
            tokens.writeEndObject();
            return TREES.readTree(tokens.asParser(TREES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decision's fields, inside an object the caller has started (and may add to). */
    public static void writeFields(JsonGenerator out, Decision decision) throws IOException {
        out.writeStringField("mode", WireEnum.code(decision.mode()));
        out.writeStringField("decided_by", WireEnum.code(decision.decidedBy()));
        out.writeStringField("reason_code", decision.reasonCode());
        out.writeBooleanField("high_risk_triggered", decision.highRiskTriggered());
        out.writeStringField("risk_scenario", decision.riskScenario());
        out.writeArrayFieldStart("matches");
        for (KeywordMatch match : decision.matches()) {
            writeMatch(out, match);
        }
        out.writeEndArray();
        out.writeStringField("intent", decision.intent());
        if (decision.confidence() == null) {
            out.writeNullField("confidence");
        } else {
            out.writeNumberField("confidence", decision.confidence());
        }
        out.writeStringField("target_flow_id", decision.targetFlowId());
        out.writeStringField("fixed_reply", decision.fixedReply());
        out.writeStringField("transfer_message", decision.transferMessage());
        out.writeStringField("locale", decision.locale().code());
        out.writeNumberField("policy_version", decision.policyVersion());
        out.writeArrayFieldStart("trace");
        for (TraceStep step : decision.trace()) {
            out.writeStartObject();
            out.writeStringField("step", step.step());
            out.writeStringField("result", step.result());
            if (step.detail() != null) {
                out.writeStringField("detail", step.detail());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** A keyword match as an object: {@code {scenario, keyword, start, end}}. */
    public static void writeMatch(JsonGenerator out, KeywordMatch match) throws IOException {
        out.writeStartObject();
        out.writeStringField("scenario", match.scenario());
        out.writeStringField("keyword", match.keyword());
        out.writeNumberField("start", match.start());
        out.writeNumberField("end", match.end());
        out.writeEndObject();
    }

    /** A keyword match: {@code {scenario, keyword, start, end}}. */
    public static ObjectNode match(KeywordMatch match) {
        return NODES.objectNode()
                .put("scenario", match.scenario())
                .put("keyword", match.keyword())
                .put("start", match.start())
                .put("end", match.end());
    }
}
