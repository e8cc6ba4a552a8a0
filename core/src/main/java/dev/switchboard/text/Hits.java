package dev.switchboard.text;

import java.util.Arrays;

/**
 * Pattern occurrences found by one {@link KeywordAutomaton#scan}, in the order their ends were reached. Offsets are
 * UTF-16 indexes into the original text (end exclusive); folded offsets index the folded text. Not thread-safe; owned
 * by the caller of the scan.
 */
public final class Hits {
    private static final int FIELDS = 5;
    private int[] data = new int[0];
    private int size;

    void add(int pattern, int foldedStart, int foldedEnd, int start, int end) {
        if ((size + 1) * FIELDS > data.length) {
            data = Arrays.copyOf(data, Math.max(4 * FIELDS, data.length * 2));
        }
        int at = size * FIELDS;
        data[at] = pattern;
        data[at + 1] = foldedStart;
        data[at + 2] = foldedEnd;
        data[at + 3] = start;
        data[at + 4] = end;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Index of the pattern in the list the automaton was compiled from. */
    public int pattern(int hit) {
        return data[hit * FIELDS];
    }

    public int foldedStart(int hit) {
        return data[hit * FIELDS + 1];
    }

    public int foldedEnd(int hit) {
        return data[hit * FIELDS + 2];
    }

    public int start(int hit) {
        return data[hit * FIELDS + 3];
    }

    public int end(int hit) {
        return data[hit * FIELDS + 4];
    }
}
