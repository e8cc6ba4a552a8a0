package dev.switchboard.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Traditional → Simplified Chinese as a table: one map for single code points and, per first code point, the few
 * multi-character phrases whose conversion differs from converting their characters one by one.
 *
 * <p>The table is derived once from ICU's {@code Traditional-Simplified} transliterator (see {@code hant-hans.txt} and
 * the test that regenerates it); calling the transliterator per message would cost ~1 µs per character. Immutable and
 * thread-safe.
 */
final class HanSimplifier {
    static final String RESOURCE = "hant-hans.txt";
    private static final int PAIR_BITS = 1 << 16;

    /** A phrase rule: source code points (length ≥ 2) and the replacement text. */
    record Phrase(int[] source, String target) {}

    private final Map<Integer, String> singles;
    /** First code points of the phrases, sorted, and their phrases (longest first) at the same index. */
    private final int[] firsts;

    private final Phrase[][] phrases;
    /**
     * Bit per hash of a phrase's first two UTF-16 units: a cheap and nearly always right "no phrase here" (the table's
     * phrases set fewer than 200 of 65,536 bits, so few places without a phrase still need {@link #phraseAt}).
     */
    private final long[] pairs = new long[PAIR_BITS / 64];

    private HanSimplifier(Map<Integer, String> singles, Map<Integer, Phrase[]> phrasesByFirst) {
        this.singles = singles;
        this.firsts = phrasesByFirst.keySet().stream()
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        this.phrases = new Phrase[firsts.length][];
        for (int i = 0; i < firsts.length; i++) {
            phrases[i] = phrasesByFirst.get(firsts[i]);
            for (Phrase phrase : phrases[i]) {
                String source = new String(phrase.source(), 0, phrase.source().length);
                // the first two UTF-16 units, so a supplementary character counts by its high surrogate
                int pair = pairHash(source.charAt(0), source.charAt(1));
                pairs[pair >>> 6] |= 1L << pair;
            }
        }
    }

    static HanSimplifier load() {
        try (InputStream in = HanSimplifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HanSimplifier parse(BufferedReader reader) throws IOException {
        Map<Integer, String> singles = new HashMap<>();
        Map<Integer, List<Phrase>> phrases = new HashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            int[] source = line.substring(0, tab).codePoints().toArray();
            String target = line.substring(tab + 1);
            if (source.length == 1) {
                singles.put(source[0], target);
            } else {
                phrases.computeIfAbsent(source[0], k -> new ArrayList<>()).add(new Phrase(source, target));
            }
        }
        Map<Integer, Phrase[]> byFirst = new HashMap<>();
        phrases.forEach((first, list) -> {
            list.sort(Comparator.comparingInt((Phrase p) -> p.source().length).reversed());
            byFirst.put(first, list.toArray(Phrase[]::new));
        });
        return new HanSimplifier(Map.copyOf(singles), Map.copyOf(byFirst));
    }

    /** The simplified form of one code point, or {@code null} when it has none of its own. */
    String single(int codePoint) {
        return singles.get(codePoint);
    }

    boolean startsPhrase(int codePoint) {
        return Arrays.binarySearch(firsts, codePoint) >= 0;
    }

    /** Whether a phrase may start with the UTF-16 units {@code first, second}; when not, none does. */
    boolean mayStart(char first, char second) {
        int pair = pairHash(first, second);
        return (pairs[pair >>> 6] & (1L << pair)) != 0;
    }

    private static int pairHash(char first, char second) {
        return ((first << 16 | second) * 0x9E3779B1) >>> (32 - 16);
    }

    /** The longest phrase that starts at {@code index} of {@code text}, or {@code null}. Allocation-free. */
    Phrase phraseAt(CharSequence text, int index) {
        int at = Arrays.binarySearch(firsts, Character.codePointAt(text, index));
        if (at < 0) {
            return null;
        }
        for (Phrase phrase : phrases[at]) {
            if (matches(phrase.source(), text, index)) {
                return phrase;
            }
        }
        return null;
    }

    /** Converts a whole text: longest phrase first, else code point by code point. */
    String simplify(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            Phrase phrase = phraseAt(text, i);
            if (phrase != null) {
                out.append(phrase.target());
                for (int codePoint : phrase.source()) {
                    i += Character.charCount(codePoint);
                }
                continue;
            }
            int codePoint = Character.codePointAt(text, i);
            String single = single(codePoint);
            if (single != null) {
                out.append(single);
            } else {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static boolean matches(int[] source, CharSequence text, int index) {
        int i = index;
        for (int codePoint : source) {
            if (i >= text.length() || Character.codePointAt(text, i) != codePoint) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
