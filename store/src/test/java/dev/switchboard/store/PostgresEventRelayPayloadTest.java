package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The relay's notifications: every event named once, in order, each payload under PostgreSQL's limit. */
class PostgresEventRelayPayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBatchIsSplitIntoPayloadsUnderTheLimit_namingEveryEventOnceInOrder() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String tenant = i % 3 == 0 ? "شركة-" + i : "tenant-" + i;
            events.add(new Event(
                    UUID.randomUUID().toString(),
                    tenant,
                    null,
                    EventType.ESCALATION_CREATED,
                    Instant.EPOCH,
                    "bot",
                    JsonNodeFactory.instance.objectNode()));
        }

        List<String> payloads = PostgresEventRelay.payloads("node-1", events);

        assertThat(payloads).hasSizeGreaterThan(1);
        List<String> named = new ArrayList<>();
        for (String payload : payloads) {
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(PostgresEventRelay.MAX_PAYLOAD_BYTES);
            JsonNode json = JSON.readTree(payload);
            assertThat(json.get("node").asText()).isEqualTo("node-1");
            json.get("events")
                    .forEach(entry ->
                            named.add(entry.get(0).asText() + "/" + entry.get(1).asText()));
        }
        assertThat(named)
                .containsExactlyElementsOf(
                        events.stream().map(e -> e.tenantId() + "/" + e.id()).toList());
    }
}
