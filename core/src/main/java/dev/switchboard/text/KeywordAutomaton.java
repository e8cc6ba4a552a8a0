package dev.switchboard.text;

import java.util.List;

/**
 * All keywords of a policy as one Aho–Corasick automaton that folds and matches a message in a single pass.
 *
 * <p>Built once per policy version by {@link AutomatonBuilder}. Characters are first mapped to dense classes by a
 * table that already includes the fold (so {@code 'Ａ'}, {@code 'A'} and {@code 'a'} share a class and
 * folding a plain character costs nothing); characters of no keyword map to class 0 and send the automaton back to
 * its root at once. Transitions of the most frequent classes are full rows (failure links already followed: one load
 * per character); the rest live in a double array ({@code base}/{@code check}/failure link side by side) with a
 * dense row for the root, and follow failure links on a miss. Immutable and thread-safe: each scan keeps its state in
 * a {@link Scan}.
 */
public final class KeywordAutomaton {
    /** A keyword as the automaton sees it: its folded text and whether its ends must fall on word boundaries. */
    public record Pattern(String folded, boolean wordStart, boolean wordEnd) {}

    static final int NODE = 4;
    /** In a {@link #dense} entry: the bit that says the position reports patterns, and the mask of the position. */
    static final int DENSE_EMITS = 0x8000;

    static final int DENSE_POSITION_MASK = 0x7FFF;

    final Fold fold;
    /**
     * The class (or kind, when negative) of every UTF-16 unit, flat: one load per character where a two-level table
     * takes two dependent ones. A phrase start's entry is {@code Fold.PHRASE_START - class}, its class when no phrase
     * follows. 128 KiB per policy version.
     */
    final short[] classes;

    final short[][] exactClasses;
    final short spaceClass;
    final int[] rootNext;
    /**
     * Per position {@code p}, four ints side by side so that one cache line serves a step: {@code base} at
     * {@code 4p} (children of p sit at {@code base + class}), {@code check} at {@code 4p + 1} (the parent of the
     * position), the failure link at {@code 4p + 2}, and 1 at {@code 4p + 3} when the position reports patterns.
     */
    final int[] nodes;
    /**
     * Full transitions for classes below {@code 1 << denseShift} (the most frequent characters): entry
     * {@code dense[position << denseShift | class]} holds the next position and, in {@link #DENSE_EMITS}, whether it
     * reports patterns; {@code null} for automata too large for it.
     */
    final char[] dense;

    final int denseShift;

    final int[] outputStart;
    final int[] outputs;
    final List<Pattern> patterns;
    final int[] lengths;
    final boolean[] wordStarts;
    final boolean[] wordEnds;

    KeywordAutomaton(
            short[][] classes,
            short[][] exactClasses,
            short spaceClass,
            int[] rootNext,
            int[] base,
            int[] check,
            int[] fail,
            int[] outputStart,
            int[] outputs,
            List<Pattern> patterns,
            AutomatonBuilder.DenseRows dense) {
        this.fold = Fold.get();
        this.dense = dense.table();
        this.denseShift = dense.shift();
        this.classes = new short[1 << 16];
        for (int block = 0; block < classes.length; block++) {
            System.arraycopy(classes[block], 0, this.classes, block << 8, 256);
        }
        this.exactClasses = exactClasses;
        this.spaceClass = spaceClass;
        this.rootNext = rootNext;
        this.nodes = new int[base.length * NODE];
        for (int p = 0; p < base.length; p++) {
            nodes[NODE * p] = base[p];
            nodes[NODE * p + 1] = check[p];
            nodes[NODE * p + 2] = fail[p];
            nodes[NODE * p + 3] = outputStart[p] != outputStart[p + 1] ? 1 : 0;
        }
        this.outputStart = outputStart;
        this.outputs = outputs;
        this.patterns = List.copyOf(patterns);
        this.lengths = new int[patterns.size()];
        this.wordStarts = new boolean[patterns.size()];
        this.wordEnds = new boolean[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            lengths[p] = patterns.get(p).folded().length();
            wordStarts[p] = patterns.get(p).wordStart();
            wordEnds[p] = patterns.get(p).wordEnd();
        }
    }

    /** Compiles the patterns; their list index is the pattern id reported in hits. */
    public static KeywordAutomaton compile(List<Pattern> patterns) {
        return new AutomatonBuilder(patterns).build();
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    /** Number of automaton positions, a measure of its size. */
    public int size() {
        return nodes.length / NODE;
    }

    /** Folds and scans {@code text} once and returns every pattern occurrence whose word boundaries hold. */
    public Hits scan(String text) {
        Scan scan = new Scan(this);
        scan.run(text);
        return scan.hits;
    }

    int next(int state, int cls) {
        if (dense != null && cls < (1 << denseShift)) {
            return dense[(state << denseShift) | cls] & DENSE_POSITION_MASK;
        }
        // The root is in the double array like any position (its children check 0), so the walk needs no case for it.
        int s = state;
        while (true) {
            int t = nodes[NODE * s] + cls;
            if (nodes[NODE * t + 1] == s) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = nodes[NODE * s + 2];
        }
    }

    /** Class of an already folded character (used on the slow path, where no fold is left to apply). */
    short exactClass(char folded) {
        short[] block = exactClasses[folded >>> 8];
        return block == null ? 0 : block[folded & 0xFF];
    }

    /** Whether the stored character (original if plain, else folded) is a letter or digit of a spaced script. */
    boolean isWordChar(char stored) {
        return fold.isWordChar(stored);
    }
}
