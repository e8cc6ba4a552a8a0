package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Request bodies as text: exactly the UTF-8 ones are taken, and they read as the strict decoder reads them. */
class BodiesTest {
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private static String strict(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void assertReadAsStrictly(byte[] bytes) {
        String expected = strict(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        if (expected == null) {
            assertThatThrownBy(() -> Bodies.utf8(bytes)).as(hex).isInstanceOfSatisfying(ApiProblem.class, p -> {
                assertThat(p.status()).isEqualTo(400);
                assertThat(p.getMessage()).isEqualTo("the body contains invalid UTF-8");
            });
        } else {
            assertThat(Bodies.utf8(bytes)).as(hex).isEqualTo(expected);
        }
    }

    @Test
    void utf8_agreesWithTheStrictDecoder_onSeededRandomBytes() {
        Random random = new Random(20261121);
        // Bytes drawn mostly from the interesting ranges: ASCII, continuations, every kind of lead byte, and the
        // encoding of U+FFFD itself (EF BF BD), which a client may send.
        int[] picks = {
            0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBD, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
            0xFF
        };
        int valid = 0;
        int replacement = 0;
        for (int round = 0; round < 200_000; round++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = random.nextInt(7); i > 0; i--) {
                if (random.nextInt(8) == 0) {
                    out.writeBytes(REPLACEMENT);
                } else {
                    out.write(random.nextInt(4) == 0 ? random.nextInt(256) : picks[random.nextInt(picks.length)]);
                }
            }
            byte[] bytes = out.toByteArray();
            String expected = strict(bytes);
            valid += expected == null ? 0 : 1;
            replacement += expected != null && expected.indexOf('\uFFFD') >= 0 ? 1 : 0;
            assertReadAsStrictly(bytes);
        }
        assertThat(valid).as("valid samples among the random ones").isGreaterThan(10_000);
        assertThat(replacement).as("valid samples that hold U+FFFD").isGreaterThan(5_000);
    }

    @Test
    void utf8_takesEveryScalarValue_andRefusesEncodedSurrogatesAndCutSequences() {
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                byte[] surrogate = {
                    (byte) (0xE0 | cp >> 12), (byte) (0x80 | (cp >> 6 & 0x3F)), (byte) (0x80 | (cp & 0x3F))
                };
                if (refused(surrogate) != (strict(surrogate) == null)) {
                    wrong.add(HexFormat.of().formatHex(surrogate));
                }
                continue;
            }
            // Followed by U+FFFD, as a client may send it: read as sent.
            String text = "a" + new String(Character.toChars(cp)) + "\uFFFD";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (!text.equals(Bodies.utf8(bytes))) {
                wrong.add(HexFormat.of().formatHex(bytes));
            }
            // With its last byte cut off, a sequence of more than one byte is not UTF-8 (every 31st code point: a
            // refusal throws, which takes its time).
            int end = bytes.length - REPLACEMENT.length;
            if (end > 2 && cp % 31 == 0 && !refused(cut(bytes, end - 1))) {
                wrong.add(HexFormat.of().formatHex(cut(bytes, end - 1)));
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static byte[] cut(byte[] bytes, int index) {
        byte[] cut = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, cut, 0, index);
        System.arraycopy(bytes, index + 1, cut, index, bytes.length - index - 1);
        return cut;
    }

    private static boolean refused(byte[] bytes) {
        try {
            Bodies.utf8(bytes);
            return false;
        } catch (ApiProblem e) {
            return true;
        }
    }
}
