package dev.switchboard.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
