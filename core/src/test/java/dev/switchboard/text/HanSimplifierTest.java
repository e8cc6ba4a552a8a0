package dev.switchboard.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code hant-hans.txt} equal to what ICU's transliterator says. Regenerate after an ICU upgrade with
 * {@code ./mvnw -pl core test -Dtest=HanSimplifierTest -Dswitchboard.regenerate=true}.
 */
class HanSimplifierTest {
    private static final Path RESOURCE = Path.of("src/main/resources/dev/switchboard/text", HanSimplifier.RESOURCE);
    private static final Transliterator ICU = Transliterator.getInstance("Traditional-Simplified");

    @Test
    void table_equalsDerivationFromIcu() throws IOException {
        String derived = derive();
        if (Boolean.getBoolean("switchboard.regenerate")) {
            Files.writeString(RESOURCE, derived, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(RESOURCE, StandardCharsets.UTF_8)).isEqualTo(derived);
    }

    @Test
    void simplify_agreesWithIcu_onSeededRandomTraditionalText() throws IOException {
        List<Integer> alphabet = new ArrayList<>(rules().keySet().stream()
                .flatMap(s -> s.codePoints().boxed())
                .distinct()
                .toList());
        "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生".codePoints().forEach(alphabet::add);
        HanSimplifier table = HanSimplifier.load();
        Random random = new Random(20261121L);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(alphabet.get(random.nextInt(alphabet.size())));
            }
            assertThat(table.simplify(text)).as("simplify(%s)", text).isEqualTo(ICU.transliterate(text.toString()));
        }
    }

    @Test
    void simplify_convertsCustomerPhrases() {
        HanSimplifier table = HanSimplifier.load();

        assertThat(table.simplify("我要投訴，請幫我轉人工")).isEqualTo("我要投诉，请帮我转人工");
        assertThat(table.simplify("計畫退貨")).isEqualTo("计划退货");
    }

    @Test
    void phraseFilter_letThroughEveryPhraseOfTheTable() throws IOException {
        HanSimplifier table = HanSimplifier.load();
        List<String> missed = new ArrayList<>();
        int phrases = 0;
        for (String line : Files.readAllLines(RESOURCE, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String source = line.substring(0, line.indexOf('\t'));
            if (source.codePointCount(0, source.length()) < 2) {
                continue;
            }
            phrases++;
            if (!table.mayStart(source.charAt(0), source.charAt(1))
                    || !Fold.get().phraseStartsAt("前" + source + "后", 1)) {
                missed.add(source);
            }
        }
        assertThat(phrases).isGreaterThan(100);
        assertThat(missed).isEmpty();
    }

    /** Rules of ICU's transliterator in order: source → target. */
    private static Map<String, String> rules() throws IOException {
        Map<String, String> rules = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new StringReader(ICU.toRules(false)));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] sides = line.substring(0, line.length() - 1).split(" > ");
            rules.putIfAbsent(sides[0], sides[1]);
        }
        return rules;
    }

    private static String derive() throws IOException {
        Map<String, String> rules = rules();
        Map<Integer, String> singles = new LinkedHashMap<>();
        rules.forEach((source, target) -> {
            if (source.codePointCount(0, source.length()) == 1 && !source.equals(target)) {
                singles.put(source.codePointAt(0), target);
            }
        });
        StringBuilder out = new StringBuilder();
        out.append("# Traditional -> Simplified Chinese, derived from ICU4J ")
                .append(com.ibm.icu.util.VersionInfo.ICU_VERSION)
                .append(" \"Traditional-Simplified\" by HanSimplifierTest.\n")
                .append("# source<TAB>target: single code points, then phrases that convert differently from")
                .append(" their characters.\n");
        singles.forEach((source, target) ->
                out.appendCodePoint(source).append('\t').append(target).append('\n'));
        rules.forEach((source, target) -> {
            if (source.codePointCount(0, source.length()) > 1) {
                StringBuilder charByChar = new StringBuilder();
                source.codePoints().forEach(c -> charByChar.append(singles.getOrDefault(c, Character.toString(c))));
                if (!charByChar.toString().equals(target)) {
                    out.append(source).append('\t').append(target).append('\n');
                }
            }
        });
        return out.toString();
    }
}
