package dev.switchboard.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            nfkc full-width latin          | ＲＥＦＵＮＤ please         | refund please
            nfkc full-width digits         | １２３１５                  | 12315
            nfkc full-width punctuation    | 退款！                      | 退款!
            nfkc ligature                  | ﬁle                         | file
            nfkc circled digit             | ③                           | 3
            nfkc arabic presentation form  | ﻻ                           | لا
            nfkc half-width katakana       | ｶﾀｶﾅ                        | カタカナ
            case fold english              | HUMAN Agent                 | human agent
            case fold sharp s              | Straße                      | strasse
            case fold greek final sigma    | ΟΔΟΣ                        | οδοσ
            whitespace runs                | 'money \t\n  back'          | money back
            whitespace ideographic         | 人工　客服                   | 人工 客服
            whitespace no-break            | 'real\u00A0person'          | real person
            dash is a word separator       | money-back — NOW            | money back now
            typographic apostrophe         | I can’t log in              | i can't log in
            zero-width joiner removed      | 人\u200D工                  | 人工
            soft hyphen removed            | re\u00ADfund                | refund
            traditional complaint          | 投訴                        | 投诉
            traditional transfer           | 轉人工                      | 转人工
            traditional refund             | 我要退貨退款                 | 我要退货退款
            traditional phrase             | 計畫                        | 计划
            simplified unchanged           | 转人工客服                   | 转人工客服
            arabic diacritics              | أُرِيدُ                      | اريد
            arabic shadda and tanween      | شُكْرًا                      | شكرا
            arabic tatweel                 | مـــرحبا                     | مرحبا
            arabic alef hamza above        | أريد                        | اريد
            arabic alef hamza below        | إلغاء                       | الغاء
            arabic alef madda              | آسف                         | اسف
            arabic alef wasla              | ٱسترداد                     | استرداد
            arabic alef maksura            | شكوى                        | شكوي
            arabic farsi yeh               | شكوی                        | شكوي
            arabic teh marbuta             | فاتورة                      | فاتوره
            arabic keheh                   | کم                          | كم
            arabic-indic digits            | ١٢٣                         | 123
            eastern arabic-indic digits    | ۴۵۶                         | 456
            arabic hamza on waw kept       | مسؤول                       | مسؤول
            """)
    void fold_appliesTheRulesOfSection2_3(String rule, String input, String expected) {
        assertThat(TextNormalizer.fold(input.translateEscapes())).as(rule).isEqualTo(expected);
    }

    @Test
    void fold_composesCombiningMarksFirst() {
        assertThat(TextNormalizer.fold("cafe\u0301")).isEqualTo(TextNormalizer.fold("café"));
        assertThat(TextNormalizer.fold("\u0648\u0654")).isEqualTo("ؤ");
        assertThat(TextNormalizer.fold("\u0627\u0654")).isEqualTo("ا");
    }

    @Test
    void fold_isIdempotent() {
        String once = TextNormalizer.fold("Ｉ　WANT my ＭＯＮＥＹ back!! أُرِيدُ 轉人工 ﬁ ß");

        assertThat(TextNormalizer.fold(once)).isEqualTo(once);
    }

    @Test
    void normalize_mapsEachFoldedCharacterToItsOriginalRange() {
        NormalizedText text = TextNormalizer.normalize("Ｘß  أُ");

        assertThat(text.text()).isEqualTo("xss ا");
        assertThat(ranges(text)).containsExactly("0-1", "1-2", "1-2", "2-4", "4-6");
    }

    @Test
    void normalize_keepsSurrogatePairsTogether() {
        NormalizedText text = TextNormalizer.normalize("a😀b");

        assertThat(text.text()).isEqualTo("a😀b");
        assertThat(ranges(text)).containsExactly("0-1", "1-3", "1-3", "3-4");
    }

    @Test
    void normalize_mapsPhraseCharactersOneToOne() {
        NormalizedText text = TextNormalizer.normalize("計畫");

        assertThat(text.text()).isEqualTo("计划");
        assertThat(ranges(text)).containsExactly("0-1", "1-2");
    }

    private static String[] ranges(NormalizedText text) {
        String[] ranges = new String[text.text().length()];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = text.originalStart(i) + "-" + text.originalEnd(i);
        }
        return ranges;
    }
}
