package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signs deliveries with {@link WebhookSignature} and has the official {@code standardwebhooks} npm library verify
 * them, byte for byte as they travel over HTTP: the proof that subscribers can use the official libraries.
 */
class StandardWebhooksInteropTest {
    private static final String SECRET = WebhookSignature.newSecret();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static NodeReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = NodeReceiver.start(SECRET, 0);
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
        CLIENT.close();
    }

    @BeforeEach
    void forgetEarlierDeliveries() {
        receiver.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Refund please", "استرداد 退款", "أريد التحدث مع موظف", "请帮我转人工客服", "退款 🙏 ok"})
    void officialLibrary_verifiesSignedDelivery(String title) throws Exception {
        String id = newId();
        byte[] body = event(id, title);

        int status = post(receiver.url("/hooks/acme"), WebhookSignature.headers(SECRET, id, now(), body), body);

        assertThat(status).isEqualTo(204);
        JsonNode record = only(receiver.seen());
        assertThat(record.get("verified").asBoolean()).isTrue();
        assertThat(record.get("error").isNull()).isTrue();
        assertThat(record.get("webhook_id").asText()).isEqualTo(id);
        assertThat(record.get("path").asText()).isEqualTo("/hooks/acme");
        assertThat(record.at("/body/data/title").asText()).isEqualTo(title);
    }

    @Test
    void officialLibrary_rejectsTamperedBody() throws Exception {
        String id = newId();
        Map<String, String> headers = WebhookSignature.headers(SECRET, id, now(), event(id, "استرداد 退款"));

        int status = post(receiver.url("/hooks"), headers, event(id, "استرداد 退货"));

        assertRejected(status, "No matching signature found");
    }

    @Test
    void officialLibrary_rejectsTamperedSignature() throws Exception {
        String id = newId();
        byte[] body = event(id, "请帮我转人工客服");
        Map<String, String> headers = new LinkedHashMap<>(WebhookSignature.headers(SECRET, id, now(), body));
        headers.put("webhook-signature", flipCharacter(headers.get("webhook-signature"), "v1,".length() + 5));

        int status = post(receiver.url("/hooks"), headers, body);

        assertRejected(status, "No matching signature found");
    }

    @Test
    void officialLibrary_rejectsSignatureOfOtherSecret() throws Exception {
        String id = newId();
        byte[] body = event(id, "استرداد 退款");

        int status = post(
                receiver.url("/hooks"), WebhookSignature.headers(WebhookSignature.newSecret(), id, now(), body), body);

        assertRejected(status, "No matching signature found");
    }

    @Test
    void officialLibrary_rejectsOtherWebhookId() throws Exception {
        String id = newId();
        byte[] body = event(id, "Refund please");
        Map<String, String> headers = new LinkedHashMap<>(WebhookSignature.headers(SECRET, id, now(), body));
        headers.put("webhook-id", newId());

        int status = post(receiver.url("/hooks"), headers, body);

        assertRejected(status, "No matching signature found");
    }

    @Test
    void officialLibrary_rejectsTimestampOlderThanFiveMinutes_soEveryRetryIsSignedAfresh() throws Exception {
        String id = newId();
        byte[] body = event(id, "Refund please");

        int status = post(receiver.url("/hooks"), WebhookSignature.headers(SECRET, id, now() - 6 * 60, body), body);

        assertRejected(status, "Message timestamp too old");
    }

    @Test
    void receiver_failsFirstAttemptsOfEachWebhookId_thenAccepts() throws Exception {
        try (NodeReceiver failing = NodeReceiver.start(SECRET, 2)) {
            String id = newId();
            byte[] body = event(id, "استرداد 退款");

            List<Integer> statuses = List.of(
                    post(failing.url("/hooks"), WebhookSignature.headers(SECRET, id, now(), body), body),
                    post(failing.url("/hooks"), WebhookSignature.headers(SECRET, id, now(), body), body),
                    post(failing.url("/hooks"), WebhookSignature.headers(SECRET, id, now(), body), body));

            assertThat(statuses).containsExactly(503, 503, 204);
            assertThat(failing.seen())
                    .extracting(record -> record.get("attempt").asInt() + ":"
                            + record.get("verified").asBoolean())
                    .containsExactly("1:true", "2:true", "3:true");
        }
    }

    private static void assertRejected(int status, String error) {
        assertThat(status).isEqualTo(401);
        JsonNode record = only(receiver.seen());
        assertThat(record.get("verified").asBoolean()).isFalse();
        assertThat(record.get("error").asText()).isEqualTo(error);
    }

    private static String flipCharacter(String text, int index) {
        char flipped = text.charAt(index) == 'A' ? 'B' : 'A';
        return text.substring(0, index) + flipped + text.substring(index + 1);
    }

    private static JsonNode only(List<JsonNode> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static int post(URI url, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A delivery body shaped like SPEC Appendix A, serialized once, since the signature covers these exact bytes. */
    private static byte[] event(String id, String title) throws IOException {
        ObjectNode event = JSON.createObjectNode()
                .put("id", id)
                .put("type", "escalation.created")
                .put("tenant_id", "acme")
                .put("occurred_at", "2026-11-21T09:20:00Z")
                .put("actor", "bot-1");
        event.putObject("data").put("title", title);
        return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }

    private static String newId() {
        return "evt_" + UUID.randomUUID();
    }

    /** The receiver checks timestamps against its own wall clock, so deliveries must carry the real time. */
    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
