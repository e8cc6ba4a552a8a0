package dev.switchboard.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptDetectorTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            我要退款,                        ZH
            我要投訴你們,                     ZH
            أريد استرداد أموالي,             AR
            ابي اكلم موظف,                   AR
            I want my money back,            EN
            我要refund,                      ZH
            please 退款 thanks a lot,        EN
            ﻻ,                               AR
            """)
    void detect_choosesTheDominantScript(String text, Language expected) {
        assertThat(ScriptDetector.detect(text)).contains(expected);
    }

    @Test
    void detect_isEmpty_withoutLetters() {
        assertThat(ScriptDetector.detect("12315 !!! 😀")).isEmpty();
        assertThat(ScriptDetector.detect("")).isEmpty();
    }

    @Test
    void detect_decidesAsCountingCharacterByCharacter_onRandomMixedText() {
        SplittableRandom random = new SplittableRandom(20_261_122L);
        String[] pools = {
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "éñüßøÅÇ",
            "0123456789 ,.!?-'\t\n",
            "ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآ",
            "ﻻﺍﺏ٠١٢",
            "我要退款投訴你們人工客服㐀豈",
            "АБВгдеΑβγ",
            "😀😁𠀀"
        };
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(600);
            // a few pools per text, so that scripts compete and ties happen
            int first = random.nextInt(pools.length);
            int second = random.nextInt(pools.length);
            while (text.length() < length) {
                String pool = random.nextBoolean() ? pools[first] : pools[second];
                if (random.nextInt(20) == 0) {
                    text.append((char) random.nextInt(1 << 16));
                } else {
                    text.append(pool.charAt(random.nextInt(pool.length())));
                }
            }
            assertThat(ScriptDetector.detect(text))
                    .as("round %d: %s", round, text)
                    .isEqualTo(countedOneByOne(text));
        }
    }

    /** The detection as first written: a branch per character and three counters. */
    private static Optional<Language> countedOneByOne(CharSequence text) {
        int arabic = 0;
        int han = 0;
        int latin = 0;
        int limit = Math.min(text.length(), 400);
        for (int i = 0; i < limit && arabic + han + latin < 90; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    latin++;
                }
            } else if ((c >= 0x0620 && c <= 0x064A)
                    || (c >= 0x066E && c <= 0x06D3)
                    || (c >= 0x0750 && c <= 0x077F)
                    || (c >= 0x08A0 && c <= 0x08C9)
                    || (c >= 0xFB50 && c <= 0xFDFF)
                    || (c >= 0xFE70 && c <= 0xFEFC)) {
                arabic++;
            } else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)) {
                han += 3;
            } else if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (arabic == 0 && han == 0 && latin == 0) {
            return Optional.empty();
        }
        if (arabic >= han && arabic >= latin) {
            return Optional.of(Language.AR);
        }
        return Optional.of(han >= latin ? Language.ZH : Language.EN);
    }
}
