package dev.switchboard.text;

import java.util.Arrays;

/**
 * One pass of a {@link KeywordAutomaton} over a text. Single use, not thread-safe.
 *
 * <p>Where a folded character came from is not stored per character: most characters fold one to one, so the
 * original index is the folded index plus a running offset ({@code delta}), and only the points where that offset
 * changes (a removed diacritic, collapsed white space, a character that folds to two) are recorded. A match looks its
 * start up there. Hits whose word-end boundary depends on the next character wait in {@code pending}.
 */
final class Scan implements Fold.Sink {
    private static final int PENDING_FIELDS = 5;
    // Most scans record nothing: their arrays start empty and shared.
    private static final int[] NO_INTS = {};
    private static final char[] NO_CHARS = {};

    final Hits hits = new Hits();
    private final KeywordAutomaton automaton;
    private String text;
    // Automaton state, synced with the inner loop's locals where it stops.
    private int state;
    private int folded;
    private boolean lastSpace;
    // Offset change points: from folded index changeAt[k] on, original index = folded index + changeDelta[k].
    private int[] changeAt = NO_INTS;
    private int[] changeDelta = NO_INTS;
    private int changes;
    private int delta;
    // Folded characters stepped by unit() that are not simply their original character, by folded index.
    private int[] slowAt = NO_INTS;
    private char[] slowChar = NO_CHARS;
    private int slowCount;
    private int[] pending = NO_INTS;
    private int pendingCount;

    Scan(KeywordAutomaton automaton) {
        this.automaton = automaton;
    }

    /**
     * Two loops. The inner one steps the automaton over characters that fold one to one on their own (plain
     * characters, the first white space of a run, a phrase's first character where no phrase can start) with its state
     * in locals and no call in its body, so the compiler keeps it tight; it stops at a match, at hits waiting for
     * their end boundary, and at any other character, which {@link #unit} takes one unit at a time (removed
     * characters, repeated white space, phrases, clusters, multi-character folds).
     *
     * <p>The folded index is not counted per character: inside the inner loop it is the original index minus
     * {@code delta}, which changes only in {@link #unit}. Matches are rare, so {@link #emit} is what reads it.
     *
     * <p>The inner loop stops before the text's last character, which {@link #unit} takes, so that its look-ahead
     * needs no bound test. With one ({@code i + 1 < n ? ... : 0}), most JVMs hit a profile-predicate trap at the loop's
     * head and compiled it again, and the same scan ran at 2.0 µs in one JVM and 3.6 µs in the next; without it, the
     * scans of all three languages ran 7-25 % faster (bench/README.md, "Where the time still goes").
     */
    void run(String text) {
        this.text = text;
        final KeywordAutomaton a = automaton;
        final short[] classes = a.classes;
        final int[] nodes = a.nodes;
        final int[] rootNext = a.rootNext;
        final char[] dense = a.dense;
        final int denseShift = a.denseShift;
        final int denseLimit = dense == null ? 0 : 1 << denseShift;
        final int[] outputStart = a.outputStart;
        final short spaceClass = a.spaceClass;
        final Fold fold = a.fold;
        final int n = text.length();
        final int last = n - 1;
        int i = 0;
        while (i < n) {
            if (pendingCount == 0) {
                int state = this.state;
                boolean lastSpace = this.lastSpace;
                boolean matched = false;
                int kind = classes[text.charAt(i)];
                for (; i < last; i++) {
                    int nextKind = classes[text.charAt(i + 1)];
                    if (nextKind == Fold.COMPOSER) {
                        break;
                    }
                    int cls;
                    if (kind >= 0) {
                        cls = kind;
                        lastSpace = false;
                    } else if (kind <= Fold.PHRASE_START && !fold.mayStartPhrase(text, i)) {
                        cls = Fold.PHRASE_START - kind;
                        lastSpace = false;
                    } else if (kind == Fold.SPACE && !lastSpace) {
                        cls = spaceClass;
                        lastSpace = true;
                    } else {
                        break;
                    }
                    if (cls == 0) {
                        state = 0;
                    } else if (cls < denseLimit) {
                        int entry = dense[(state << denseShift) | cls];
                        state = entry & KeywordAutomaton.DENSE_POSITION_MASK;
                        if (entry >= KeywordAutomaton.DENSE_EMITS) {
                            matched = true;
                            break;
                        }
                    } else {
                        int s = state;
                        int t = nodes[KeywordAutomaton.NODE * s] + cls;
                        if (nodes[KeywordAutomaton.NODE * t + 1] == s) {
                            s = t;
                        } else if (nodes[KeywordAutomaton.NODE * s + 2] == 0) {
                            // Most misses fail straight to the root: the next position then depends on the
                            // character alone, so a predicted miss does not wait for the check above.
                            s = rootNext[cls];
                        } else {
                            s = a.next(nodes[KeywordAutomaton.NODE * s + 2], cls);
                        }
                        state = s;
                        if (nodes[KeywordAutomaton.NODE * s + 3] != 0) {
                            matched = true;
                            break;
                        }
                    }
                    kind = nextKind;
                }
                this.state = state;
                this.lastSpace = lastSpace;
                if (matched) {
                    folded = i + 1 - delta;
                    emit(outputStart[state], outputStart[state + 1], i + 1);
                    i++;
                    continue;
                }
            }
            folded = i - delta;
            i = unit(i);
        }
        resolvePending(false);
    }

    /**
     * Folds and steps the one unit at {@code index} that the inner loop does not take, and returns the index after it.
     * Hits waiting for their end boundary are settled by the next folded character; removed characters and repeated
     * white space are skipped without settling them.
     */
    private int unit(int index) {
        KeywordAutomaton a = automaton;
        char c = text.charAt(index);
        short kind = a.classes[c];
        short nextKind = index + 1 < text.length() ? a.classes[text.charAt(index + 1)] : 0;
        int next;
        if (nextKind == Fold.COMPOSER
                || kind == Fold.COMPLEX
                || kind == Fold.COMPOSER
                || (kind <= Fold.PHRASE_START && a.fold.phraseStartsAt(text, index))) {
            next = a.fold.foldAt(text, index, this);
        } else {
            if (kind >= 0 || kind <= Fold.PHRASE_START) {
                lastSpace = false;
                step(kind >= 0 ? kind : Fold.PHRASE_START - kind, c, index, index + 1);
            } else if (kind == Fold.SPACE && !lastSpace) {
                lastSpace = true;
                step(a.spaceClass, ' ', index, index + 1);
            }
            next = index + 1;
        }
        if (next - folded != delta) {
            delta = next - folded;
            recordChange(folded, delta);
        }
        return next;
    }

    /** Slow-path input: characters already folded by {@link Fold#foldAt}. */
    @Override
    public void accept(char folded, int originalStart, int originalEnd) {
        if (folded == ' ') {
            if (lastSpace) {
                return;
            }
            lastSpace = true;
            step(automaton.spaceClass, ' ', originalStart, originalEnd);
        } else {
            lastSpace = false;
            step(automaton.exactClass(folded), folded, originalStart, originalEnd);
        }
    }

    private void step(int cls, char stored, int start, int end) {
        if (pendingCount > 0) {
            resolvePending(automaton.isWordChar(stored));
        }
        if (start - folded != delta) {
            delta = start - folded;
            recordChange(folded, delta);
        }
        if (end != start + 1 || text.charAt(start) != stored) {
            // isWordAt reads a character that came one to one from the text itself
            recordSlow(folded, stored);
        }
        folded++;
        if (cls == 0) {
            state = 0;
            return;
        }
        int s = automaton.next(state, cls);
        state = s;
        if (automaton.nodes[KeywordAutomaton.NODE * s + 3] != 0) {
            emit(automaton.outputStart[s], automaton.outputStart[s + 1], end);
        }
    }

    private void recordChange(int at, int newDelta) {
        if (changes > 0 && changeAt[changes - 1] == at) {
            changeDelta[changes - 1] = newDelta;
            return;
        }
        if (changes == changeAt.length) {
            changeAt = Arrays.copyOf(changeAt, Math.max(8, changes * 2));
            changeDelta = Arrays.copyOf(changeDelta, Math.max(8, changes * 2));
        }
        changeAt[changes] = at;
        changeDelta[changes] = newDelta;
        changes++;
    }

    private void recordSlow(int at, char stored) {
        if (slowCount == slowAt.length) {
            slowAt = Arrays.copyOf(slowAt, Math.max(8, slowCount * 2));
            slowChar = Arrays.copyOf(slowChar, Math.max(8, slowCount * 2));
        }
        slowAt[slowCount] = at;
        slowChar[slowCount] = stored;
        slowCount++;
    }

    /** Original index of the folded character at {@code foldedIndex} (searched from the latest change back). */
    private int originOf(int foldedIndex) {
        int k = changes - 1;
        while (k >= 0 && changeAt[k] > foldedIndex) {
            k--;
        }
        return foldedIndex + (k < 0 ? 0 : changeDelta[k]);
    }

    /**
     * Whether the folded character at {@code foldedIndex} is a word character: the slow path's own record of it, else
     * (it came one to one from the fast path) its original character.
     */
    private boolean isWordAt(int foldedIndex) {
        for (int k = slowCount - 1; k >= 0 && slowAt[k] >= foldedIndex; k--) {
            if (slowAt[k] == foldedIndex) {
                return automaton.isWordChar(slowChar[k]);
            }
        }
        return automaton.isWordChar(text.charAt(originOf(foldedIndex)));
    }

    private void emit(int from, int to, int foldedCharEnd) {
        int end = automaton.fold.extendOverRemoved(text, foldedCharEnd);
        for (int o = from; o < to; o++) {
            int pattern = automaton.outputs[o];
            int foldedStart = folded - automaton.lengths[pattern];
            int start = originOf(foldedStart);
            if (automaton.wordStarts[pattern] && foldedStart > 0 && isWordAt(foldedStart - 1)) {
                continue;
            }
            if (automaton.wordEnds[pattern]) {
                addPending(pattern, foldedStart, start, end);
            } else {
                hits.add(pattern, foldedStart, folded, start, end);
            }
        }
    }

    private void addPending(int pattern, int foldedStart, int start, int end) {
        int at = pendingCount * PENDING_FIELDS;
        if (at + PENDING_FIELDS > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(4 * PENDING_FIELDS, pending.length * 2));
        }
        pending[at] = pattern;
        pending[at + 1] = foldedStart;
        pending[at + 2] = folded;
        pending[at + 3] = start;
        pending[at + 4] = end;
        pendingCount++;
    }

    /** Confirms (next character is no word character) or drops the hits waiting for their end boundary. */
    private void resolvePending(boolean nextIsWord) {
        if (!nextIsWord) {
            for (int p = 0; p < pendingCount; p++) {
                int at = p * PENDING_FIELDS;
                hits.add(pending[at], pending[at + 1], pending[at + 2], pending[at + 3], pending[at + 4]);
            }
        }
        pendingCount = 0;
    }
}
