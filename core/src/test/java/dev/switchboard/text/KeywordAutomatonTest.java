package dev.switchboard.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordAutomatonTest {
    private static final List<String> ALPHABET = List.of(
            "a", "b", "n", "A", "Ａ", "ß", "s", " ", "\t", "\u3000", "人", "工", "智", "能", "轉", "转", "計", "畫", "划", "ا",
            "أ", "ُ", "ـ", "ة", "ه", "\u200B", "e", "\u0301", "é", "😀", "\u0654", "و", "ى", "ي", "1", "１", ".", "-",
            "refund", "REFUND", "ﬁ", "fi", "投訴", "投诉");

    @Test
    void scan_findsOverlappingKeywordsWithOriginalOffsets() {
        KeywordAutomaton automaton = compile(substring("人工"), substring("人工客服"), substring("转人工"));

        assertThat(describe(automaton, "我要轉人工客服")).containsExactly("转人工@2-5", "人工@3-5", "人工客服@3-7");
    }

    @Test
    void scan_matchesLatinKeywordsAsWholeWords() {
        KeywordAutomaton automaton = compile(word("refund"));

        assertThat(describe(automaton, "Refund! now")).containsExactly("refund@0-6");
        assertThat(describe(automaton, "a refundable fee")).isEmpty();
        assertThat(describe(automaton, "nonrefund")).isEmpty();
        assertThat(describe(automaton, "我要refund吧")).containsExactly("refund@2-8");
        assertThat(describe(automaton, "ＲＥＦＵＮＤ")).containsExactly("refund@0-6");
    }

    @Test
    void scan_prefixWildcardDropsTheEndBoundary() {
        KeywordAutomaton automaton = compile(new KeywordAutomaton.Pattern("refund", true, false));

        assertThat(describe(automaton, "a refundable fee")).containsExactly("refund@2-8");
        assertThat(describe(automaton, "nonrefundable")).isEmpty();
    }

    @Test
    void scan_matchesArabicInsideWordsAndKeepsTrailingMarks() {
        KeywordAutomaton automaton = compile(substring(TextNormalizer.fold("استرداد")));

        assertThat(describe(automaton, "أريد الاسْتِرْدادُ")).containsExactly("استرداد@7-18");
    }

    @Test
    void scan_spansCollapsedWhiteSpace() {
        KeywordAutomaton automaton = compile(word("money back"));

        assertThat(describe(automaton, "I want my MONEY \n back.")).containsExactly("money back@10-22");
    }

    @Test
    void wordCharacterTable_agreesWithItsDefinition_forEveryBmpCharacter() {
        Fold fold = Fold.get();
        List<String> disagreeing = new ArrayList<>();
        for (int c = 0; c < 0x10000; c++) {
            if (fold.isWordChar((char) c) != fold.wordCharOf((char) c)) {
                disagreeing.add(Integer.toHexString(c));
            }
        }
        assertThat(disagreeing).isEmpty();
        assertThat(fold.isWordChar('a')).isTrue();
        assertThat(fold.isWordChar('Ａ')).isTrue();
        assertThat(fold.isWordChar('ب')).isTrue();
        assertThat(fold.isWordChar('7')).isTrue();
        assertThat(fold.isWordChar('人')).isFalse();
        assertThat(fold.isWordChar(' ')).isFalse();
        assertThat(fold.isWordChar('-')).isFalse();
    }

    /**
     * Seeded property test: for random texts and patterns the one-pass scanner must find exactly what a plain search
     * over {@link TextNormalizer}'s output finds, whatever transition path it takes — rows as wide as the alphabet
     * (full budget), narrow rows with the failure-link walk for rarer characters (small budget, many distinct Han
     * characters), or no dense rows at all (budget 0).
     */
    @ParameterizedTest(name = "dense budget {0}")
    @ValueSource(longs = {0, 1 << 14, AutomatonBuilder.DENSE_BUDGET})
    void scan_agreesWithNaiveSearchOverNormalizedText_seededRandom(long denseBudget) {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<KeywordAutomaton.Pattern> patterns = new ArrayList<>();
            int count = 1 + random.nextInt(round % 10 == 0 ? 400 : 12);
            while (patterns.size() < count) {
                String text = round % 3 == 0 && random.nextBoolean()
                        ? randomHan(random, 1 + random.nextInt(3))
                        : randomText(random, 1 + random.nextInt(4));
                String folded = TextNormalizer.fold(text).strip();
                if (!folded.isEmpty()) {
                    patterns.add(new KeywordAutomaton.Pattern(folded, random.nextBoolean(), random.nextBoolean()));
                }
            }
            KeywordAutomaton automaton = new AutomatonBuilder(patterns, denseBudget).build();
            for (int t = 0; t < 20; t++) {
                String text = round % 3 == 0
                        ? randomText(random, random.nextInt(20)) + randomHan(random, 20)
                        : randomText(random, random.nextInt(30));
                assertThat(describe(automaton, text))
                        .as(
                                "text %s",
                                text.codePoints().mapToObj(Integer::toHexString).toList())
                        .containsExactlyInAnyOrderElementsOf(naive(automaton, text));
            }
        }
    }

    /** Han characters from a narrow range, so patterns share them with texts but outnumber the dense classes. */
    private static String randomHan(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(0x4E00 + random.nextInt(300));
        }
        return text.toString();
    }

    private static String randomText(Random random, int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(ALPHABET.get(random.nextInt(ALPHABET.size())));
        }
        return text.toString();
    }

    /** Reference: every occurrence in the folded text, boundaries checked there, offsets mapped back. */
    private static List<String> naive(KeywordAutomaton automaton, String text) {
        NormalizedText normalized = TextNormalizer.normalize(text);
        String folded = normalized.text();
        List<String> found = new ArrayList<>();
        for (KeywordAutomaton.Pattern pattern : automaton.patterns()) {
            String p = pattern.folded();
            for (int at = folded.indexOf(p); at >= 0; at = folded.indexOf(p, at + 1)) {
                int end = at + p.length();
                if (pattern.wordStart() && at > 0 && Fold.get().wordCharOf(folded.charAt(at - 1))) {
                    continue;
                }
                if (pattern.wordEnd() && end < folded.length() && Fold.get().wordCharOf(folded.charAt(end))) {
                    continue;
                }
                found.add(p + "@" + normalized.originalStart(at) + "-" + normalized.originalEnd(end - 1));
            }
        }
        return found;
    }

    private static List<String> describe(KeywordAutomaton automaton, String text) {
        Hits hits = automaton.scan(text);
        List<String> found = new ArrayList<>();
        for (int h = 0; h < hits.size(); h++) {
            found.add(automaton.patterns().get(hits.pattern(h)).folded() + "@" + hits.start(h) + "-" + hits.end(h));
        }
        return found;
    }

    private static KeywordAutomaton compile(KeywordAutomaton.Pattern... patterns) {
        return KeywordAutomaton.compile(List.of(patterns));
    }

    private static KeywordAutomaton.Pattern substring(String folded) {
        return new KeywordAutomaton.Pattern(folded, false, false);
    }

    private static KeywordAutomaton.Pattern word(String folded) {
        return new KeywordAutomaton.Pattern(folded, true, true);
    }
}
