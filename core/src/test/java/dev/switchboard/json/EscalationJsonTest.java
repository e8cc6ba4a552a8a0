package dev.switchboard.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.escalation.AutoContext;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EscalationState;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.QueueCursor;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.text.Language;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The escalation wire form: bodies read strictly, packets written without their token except for the creator. */
class EscalationJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void readCreate_takesEveryField() throws Exception {
        EscalationContent content = EscalationJson.readCreate(json("""
                {"title": "Quote", "title_ar": "عرض", "entity_type": "deal", "entity_id": "D-1",
                 "workflow_name": "quote", "failed_step": "validate", "reason": "HIGH_VALUE_DEAL",
                 "missing_data": ["budget"], "priority": "Critical", "due_at": "2026-11-21T12:00:00+03:00",
                 "risk_if_delayed": "lost deal", "risk_if_delayed_ar": "خسارة", "suggested_action": "approve",
                 "suggested_action_ar": "وافق", "confidence": 0.4, "target_role": "manager", "session_id": "s-1",
                 "artifacts": [{"type": "link", "name": "crm", "url": "https://crm.example/D-1"}],
                 "i18n": {"zh": {"title": "报价"}}}"""), NOW);

        assertThat(content.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(content.reason()).isEqualTo(EscalationReason.HIGH_VALUE_DEAL);
        assertThat(content.dueAt()).isEqualTo(Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(content.artifacts().getFirst().url()).isEqualTo("https://crm.example/D-1");
        assertThat(content.i18n().get(Language.ZH).title()).isEqualTo("报价");
        assertThat(content.missingData()).containsExactly("budget");
        assertThat(content.confidence()).isEqualTo(0.4);
    }

    @Test
    void readCreate_defaultsPriorityToMedium_andLeavesTheDeadlineToTheSla() throws Exception {
        EscalationContent content = EscalationJson.readCreate(
                json("{\"title\": \"t\", \"entity_type\": \"deal\", \"entity_id\": \"D\", \"reason\": \"timeout\"}"),
                NOW);

        assertThat(content.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(content.dueAt()).isNull();
        assertThat(content.artifacts()).isEmpty();
    }

    @Test
    void readCreate_reportsEveryProblem() throws Exception {
        String artifacts = "[" + "{\"content\": \"x\"},".repeat(20) + "{\"content\": \"x\"}]";
        assertThatThrownBy(() -> EscalationJson.readCreate(
                        json("{\"title\": 5, \"entity_type\": \"\", \"reason\": \"bored\", \"priority\": \"urgent\","
                                + " \"confidence\": -0.1, \"due_at\": \"2026-11-21T07:00:00Z\", \"x\": 1,"
                                + " \"artifacts\": " + artifacts + ", \"i18n\": {\"fr\": {}}, \"missing_data\": [1]}"),
                        NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactlyInAnyOrder(
                                        "title",
                                        "entity_type",
                                        "entity_id",
                                        "reason",
                                        "priority",
                                        "confidence",
                                        "due_at",
                                        "x",
                                        "artifacts",
                                        "i18n.fr",
                                        "missing_data[0]"));
        assertThatThrownBy(() -> EscalationJson.readCreate(json("[]"), NOW)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EscalationJson.readCreate(
                        json("{\"title\": \"t\", \"entity_type\": \"d\", \"entity_id\": \"D\", \"reason\": \"timeout\","
                                + " \"artifacts\": [{\"url\": \"javascript:alert(1)\"}]}"),
                        NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("artifacts[0].url"));
    }

    @Test
    void actionBodies_areOptionalWhereTheyMayBe_andStrict() throws Exception {
        assertThat(EscalationJson.readAssign(null)).isEqualTo(new Command.Assign(null, false));
        assertThat(EscalationJson.readCancel(json("{}")).reason()).isNull();
        Command.Resolve resolve = EscalationJson.readResolve(json("{\"action_taken\": \"approved\"}"));
        assertThat(resolve.overrideData().isObject()).isTrue();
        assertThat(resolve.resumeWorkflow()).isFalse();
        assertThatThrownBy(() -> EscalationJson.readResolve(json("{\"override_data\": [1]}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactlyInAnyOrder("action_taken", "override_data"));
        assertThatThrownBy(() -> EscalationJson.readEmpty(json("{\"a\": 1}")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void readAuto_needsTheEntity_andChecksConfidence() throws Exception {
        AutoContext context = EscalationJson.readAuto(json(
                "{\"context\": {\"entity_type\": \"deal\", \"entity_id\": \"D-9\", \"confidence\": 1, \"x\": [1]}}"));

        assertThat(context.entityId()).isEqualTo("D-9");
        assertThat(context.confidence()).isEqualTo(1.0);
        assertThat(context.context().get("x").get(0).asInt()).isEqualTo(1);
        assertThatThrownBy(() -> EscalationJson.readAuto(json("{\"context\": {\"confidence\": 7}}")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::field)
                                .containsExactlyInAnyOrder(
                                        "context.entity_type", "context.entity_id", "context.confidence"));
        assertThatThrownBy(() -> EscalationJson.readAuto(json("{}"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void write_hidesTheResumeToken_exceptFromTheCreator() {
        EscalationContent content = EscalationContent.builder("t", "deal", "D", EscalationReason.TIMEOUT)
                .dueAt(NOW.plusSeconds(60))
                .build();
        Escalation packet = new Escalation(
                "01a1fd12-d2a8-7000-a327-20039b119449",
                "acme",
                content,
                EscalationState.created(NOW),
                "secret",
                NOW,
                "bot");

        assertThat(EscalationJson.write(packet).has("resume_token")).isFalse();
        assertThat(EscalationJson.write(packet).toString()).doesNotContain("secret");
        assertThat(EscalationJson.writeCreated(packet).get("resume_token").asText())
                .isEqualTo("secret");
        assertThat(EscalationJson.write(packet).get("status").asText()).isEqualTo("pending");
        assertThat(EscalationJson.write(packet).get("resume").get("state").asText())
                .isEqualTo("none");
    }

    @Test
    void queueCursors_roundTrip_andForeignTextIsRejected() {
        QueueCursor cursor = new QueueCursor(Priority.HIGH, NOW, "01a1fd12-d2a8-7000-a327-20039b119449");

        assertThat(QueueCursor.decode(cursor.encode())).contains(cursor);
        assertThat(QueueCursor.decode("zzz")).isEmpty();
        assertThat(QueueCursor.decode("")).isEmpty();
        assertThat(QueueCursor.decode("!!!")).isEmpty();
        assertThat(QueueCursor.decode(java.util.Base64.getUrlEncoder().encodeToString("9.1.x".getBytes())))
                .isEmpty();
    }
}
