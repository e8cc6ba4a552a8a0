package dev.switchboard.text;

import java.util.Arrays;

/**
 * Folds text the way keyword matching sees it (SPEC §2.3): NFKC, case folding, white space collapsed, Traditional →
 * Simplified Chinese, Arabic diacritics and tatweel removed and letter variants unified. Keywords and messages go
 * through the same fold, so {@code 投訴}, {@code ＲＥＦＵＮＤ} and {@code أُرِيدُ} meet {@code 投诉}, {@code refund} and
 * {@code اريد}. Thread-safe.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /** The folded text with the original range of every folded character. */
    public static NormalizedText normalize(String text) {
        Builder builder = new Builder(text.length());
        Fold fold = Fold.get();
        for (int i = 0; i < text.length(); ) {
            i = fold.foldAt(text, i, builder);
        }
        return builder.build(text, fold);
    }

    /** The folded text alone. */
    public static String fold(String text) {
        return normalize(text).text();
    }

    /** Appends folded characters, collapsing runs of spaces into the first. */
    private static final class Builder implements Fold.Sink {
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;

        Builder(int capacity) {
            text = new StringBuilder(capacity);
            starts = new int[Math.max(capacity, 4)];
            ends = new int[Math.max(capacity, 4)];
        }

        @Override
        public void accept(char folded, int originalStart, int originalEnd) {
            int n = text.length();
            if (folded == ' ' && n > 0 && text.charAt(n - 1) == ' ') {
                ends[n - 1] = originalEnd;
                return;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            text.append(folded);
            starts[n] = originalStart;
            ends[n] = originalEnd;
        }

        NormalizedText build(String original, Fold fold) {
            int n = text.length();
            for (int k = 0; k < n; k++) {
                ends[k] = fold.extendOverRemoved(original, ends[k]);
            }
            return new NormalizedText(text.toString(), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
        }
    }
}
