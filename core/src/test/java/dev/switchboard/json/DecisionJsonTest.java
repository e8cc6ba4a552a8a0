package dev.switchboard.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.TraceStep;
import dev.switchboard.text.Language;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision's wire form: every field in the documented order, as streamed and as a tree. */
class DecisionJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Decision TRANSFER = new Decision(
            Mode.TRANSFER,
            DecidedBy.HIGH_RISK_KEYWORD,
            "high_risk_refund",
            true,
            "refund",
            List.of(new KeywordMatch("refund", "退款", 3, 5), new KeywordMatch("refund", "refund", 9, 15)),
            null,
            null,
            null,
            null,
            "正在为您转接人工客服",
            Language.ZH,
            7,
            List.of(new TraceStep("rollback_flag", "pass", null), new TraceStep("high_risk", "decided", "refund")));

    private static final Decision BOT = new Decision(
            Mode.FIXED,
            DecidedBy.INTENT_MATCH,
            null,
            false,
            null,
            List.of(),
            "order_status",
            0.25,
            "flow-1",
            "نعم",
            null,
            Language.AR,
            1,
            List.of());

    @Test
    void write_hasEveryFieldInWireOrder() {
        JsonNode json = DecisionJson.write(TRANSFER);

        assertThat(json.properties().stream().map(java.util.Map.Entry::getKey))
                .containsExactly(
                        "mode",
                        "decided_by",
                        "reason_code",
                        "high_risk_triggered",
                        "risk_scenario",
                        "matches",
                        "intent",
                        "confidence",
                        "target_flow_id",
                        "fixed_reply",
                        "transfer_message",
                        "locale",
                        "policy_version",
                        "trace");
        assertThat(json.get("mode").asText()).isEqualTo("transfer");
        assertThat(json.get("decided_by").asText()).isEqualTo("high_risk_keyword");
        assertThat(json.get("high_risk_triggered").booleanValue()).isTrue();
        assertThat(json.get("matches").get(0).toString())
                .isEqualTo("{\"scenario\":\"refund\",\"keyword\":\"退款\",\"start\":3,\"end\":5}");
        assertThat(json.get("matches")).hasSize(2);
        assertThat(json.get("intent").isNull()).isTrue();
        assertThat(json.get("confidence").isNull()).isTrue();
        assertThat(json.get("transfer_message").asText()).isEqualTo("正在为您转接人工客服");
        assertThat(json.get("locale").asText()).isEqualTo("zh");
        assertThat(json.get("policy_version").intValue()).isEqualTo(7);
        // A step without detail has no detail field at all.
        assertThat(json.get("trace").get(0).toString()).isEqualTo("{\"step\":\"rollback_flag\",\"result\":\"pass\"}");
        assertThat(json.get("trace").get(1).get("detail").asText()).isEqualTo("refund");
    }

    @Test
    void write_numbersAndTextOfAnAnswer() {
        JsonNode json = DecisionJson.write(BOT);

        assertThat(json.get("reason_code").isNull()).isTrue();
        assertThat(json.get("confidence").isDouble()).isTrue();
        assertThat(json.get("confidence").doubleValue()).isEqualTo(0.25);
        assertThat(json.get("fixed_reply").asText()).isEqualTo("نعم");
        assertThat(json.get("matches").isArray()).isTrue();
        assertThat(json.get("matches")).isEmpty();
        assertThat(json.get("trace")).isEmpty();
    }

    @Test
    void writeFields_streamsTheSameDocumentAsTheTree() throws Exception {
        for (Decision decision : List.of(TRANSFER, BOT)) {
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                DecisionJson.writeFields(generator, decision);
                generator.writeStringField("decision_id", "d-1");
                generator.writeEndObject();
            }
            JsonNode streamed = JSON.readTree(out.toString());

            assertThat(streamed.get("decision_id").asText()).isEqualTo("d-1");
            ((com.fasterxml.jackson.databind.node.ObjectNode) streamed).remove("decision_id");
            assertThat(streamed).isEqualTo(DecisionJson.write(decision));
            assertThat(out.toString()).startsWith("{\"mode\":");
        }
    }
}
