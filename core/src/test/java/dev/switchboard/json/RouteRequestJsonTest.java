package dev.switchboard.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.policy.DefaultPolicy;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.ResponseType;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.text.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteRequestJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RouteRequest read(String json) throws Exception {
        return RouteRequestJson.read(JSON.readTree(json), Language.AR);
    }

    private static List<String> problemFields(String json) throws Exception {
        try {
            read(json);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::field).toList();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void read_takesEveryField_enumsIgnoringCase() throws Exception {
        RouteRequest request = read("""
                {"message": "hi", "session_id": "s-1", "session_mode": "HUMAN_ACTIVE", "locale": "Zh",
                 "feature_flags": {"agent_enabled": false},
                 "intent_match": {"intent_id": "i", "intent_name": "n", "confidence": 1, "response_type": "Flow",
                                  "flow_id": "f", "target_kb_ids": ["kb1"]},
                 "intent_hint": {"confidence": 0, "suggested_mode": "fixed", "high_risk_detected": true},
                 "high_risk_check": {"matched": true, "recommended_mode": "transfer"},
                 "context": {"n": 3, "x": 1.5, "deep": {"list": [1, "a"]}}}
                """);

        assertThat(request.sessionMode()).isEqualTo(SessionMode.HUMAN_ACTIVE);
        assertThat(request.locale()).isEqualTo(Language.ZH);
        assertThat(request.defaultLocale()).isEqualTo(Language.AR);
        assertThat(request.featureFlags().agentEnabled()).isFalse();
        assertThat(request.intentMatch().responseType()).isEqualTo(ResponseType.FLOW);
        assertThat(request.intentMatch().confidence()).isEqualTo(1.0);
        assertThat(request.intentHint().suggestedMode()).isEqualTo(Mode.FIXED);
        assertThat(request.highRiskCheck().recommendedMode()).isEqualTo(Mode.TRANSFER);
        assertThat(request.context()).containsEntry("n", 3L).containsEntry("x", 1.5);
        assertThat(request.context().get("deep")).isEqualTo(Map.of("list", List.of(1L, "a")));
    }

    @Test
    void read_rejectsUnknownFieldsWrongTypesAndRanges() throws Exception {
        assertThat(problemFields("""
                {"message": 5, "sessionId": "x", "session_mode": "robot",
                 "intent_match": {"confidence": 1.5, "response_type": "email", "extra": true},
                 "intent_hint": "no", "high_risk_check": {"recommended_mode": "agent"},
                 "feature_flags": {"agent_enabled": "yes"}, "context": [1]}
                """))
                .containsExactlyInAnyOrder(
                        "message",
                        "sessionId",
                        "session_mode",
                        "intent_match.confidence",
                        "intent_match.response_type",
                        "intent_match.extra",
                        "intent_hint",
                        "high_risk_check.recommended_mode",
                        "high_risk_check.matched",
                        "feature_flags.agent_enabled",
                        "context");
    }

    @Test
    void read_boundsMessageAndContext() throws Exception {
        String huge = "x".repeat(RouteRequestJson.MAX_MESSAGE_LENGTH + 1);
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

        assertThat(problemFields("{\"message\": \"" + huge + "\"}")).containsExactly("message");
        assertThat(problemFields("{\"message\": \"\"}")).containsExactly("message");
        assertThat(problemFields("{\"message\": \"hi\", \"context\": " + deep + "}"))
                .containsExactly("context");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void decisionJson_writesSnakeCaseWireForm() throws Exception {
        var json = DecisionJson.write(DefaultPolicy.get().route(read("{\"message\": \"转人工\"}")));

        assertThat(json.get("mode").asText()).isEqualTo("transfer");
        assertThat(json.get("decided_by").asText()).isEqualTo("high_risk_keyword");
        assertThat(json.get("matches").get(0).get("keyword").asText()).isEqualTo("转人工");
        assertThat(json.get("matches").get(0).get("end").asInt()).isEqualTo(3);
        assertThat(json.get("locale").asText()).isEqualTo("zh");
        assertThat(json.get("trace").get(0).get("step").asText()).isEqualTo("rollback_flag");
        assertThat(json.has("fixed_reply")).isTrue();
    }
}
