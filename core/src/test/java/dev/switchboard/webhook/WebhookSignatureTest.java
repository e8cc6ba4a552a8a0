package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI=";
    private static final String ID = "evt_01JDVZ3Q8W5N4B2Y6T0R7KXHPM";
    private static final long TIMESTAMP = 1763716800L;
    private static final byte[] BODY =
            "{\"type\":\"escalation.created\",\"data\":{\"title\":\"استرداد 退款\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void sign_matchesStandardWebhooksSpecificationExample() {
        // The example of the Standard Webhooks specification; recomputed with
        // `openssl dgst -sha256 -mac HMAC -macopt hexkey:<decoded secret> -binary | base64`.
        String signature = WebhookSignature.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void sign_matchesIndependentHmac_forArabicAndChineseBody() {
        // The secret is base64 of "switchboard-webhook-test-key-32b"; expected value from
        // `openssl dgst -sha256 -mac HMAC -macopt key:switchboard-webhook-test-key-32b -binary | base64` over the UTF-8
        // bytes of "<id>.<timestamp>.<body>", and the same from Python's hmac module.
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo("v1,8cvShUgD+PJHq4ALjwJQGSSSXz1CRJ4wa/k6EXXPhIo=");
    }

    @Test
    void sign_changes_whenBodyIdOrTimestampIsTampered() {
        String original = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
        byte[] tamperedBody = BODY.clone();
        tamperedBody[tamperedBody.length - 3] ^= 1;

        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, tamperedBody)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(SECRET, ID + "x", TIMESTAMP, BODY)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP + 1, BODY)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(WebhookSignature.newSecret(), ID, TIMESTAMP, BODY))
                .isNotEqualTo(original);
    }

    @Test
    void headers_areTheSpecifiedFourInOrder() {
        Map<String, String> headers = WebhookSignature.headers(SECRET, ID, TIMESTAMP, BODY);

        assertThat(headers)
                .containsExactly(
                        entry("webhook-id", ID),
                        entry("webhook-timestamp", "1763716800"),
                        entry("webhook-signature", "v1,8cvShUgD+PJHq4ALjwJQGSSSXz1CRJ4wa/k6EXXPhIo="),
                        entry("content-type", "application/json"));
    }

    @Test
    void newSecret_isPrefixedPaddedBase64Of32RandomBytes() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = WebhookSignature.newSecret();

            assertThat(secret)
                    .startsWith("whsec_")
                    .hasSize("whsec_".length() + 44)
                    .endsWith("=");
            assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
            assertThat(WebhookSignature.isSecret(secret)).isTrue();
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 32, 64})
    void isSecret_acceptsKeysOfAllowedLength(int bytes) {
        assertThat(WebhookSignature.isSecret(secretOf(bytes))).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "whsec_",
                "c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI=",
                "WHSEC_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI=",
                "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI",
                "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI=\n",
                "whsec_ c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI=",
                "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0_WtleS0zMmI=",
                "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0-WtleS0zMmI=",
                "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0%WtleS0zMmI=",
                "whsec_c2hvcnQ="
            })
    void isSecret_rejectsMalformedSecrets(String text) {
        assertThat(WebhookSignature.isSecret(text)).isFalse();
    }

    @Test
    void isSecret_rejectsKeysOutsideTheAllowedLength() {
        assertThat(WebhookSignature.isSecret(secretOf(23))).isFalse();
        assertThat(WebhookSignature.isSecret(secretOf(65))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "whsec_", "whsec_not base64!", "whsec_c2hvcnQ=", "sk_live_abc"})
    void sign_rejectsMalformedSecret(String secret) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSignature.sign(secret, ID, TIMESTAMP, BODY))
                .withMessageContaining("whsec_");
    }

    @Test
    void sign_rejectsMalformedSecret_withoutEchoingIt() {
        String almostSecret = SECRET.substring(0, SECRET.length() - 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookSignature.sign(almostSecret, ID, TIMESTAMP, BODY))
                .withMessageNotContaining(almostSecret.substring(6));
    }

    private static String secretOf(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
