package dev.switchboard.text;

import java.util.Arrays;

/**
 * A text folded for matching (see {@link TextNormalizer}), with the range of the original text that each folded
 * character came from, so that matches found in folded text can be reported in the caller's string. Immutable.
 */
public final class NormalizedText {
    private final String text;
    private final int[] starts;
    private final int[] ends;

    NormalizedText(String text, int[] starts, int[] ends) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    /** The folded text. */
    public String text() {
        return text;
    }

    /** Start (UTF-16 index, inclusive) in the original text of folded character {@code index}. */
    public int originalStart(int index) {
        return starts[index];
    }

    /** End (UTF-16 index, exclusive) in the original text of folded character {@code index}. */
    public int originalEnd(int index) {
        return ends[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NormalizedText that
                && text.equals(that.text)
                && Arrays.equals(starts, that.starts)
                && Arrays.equals(ends, that.ends);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
