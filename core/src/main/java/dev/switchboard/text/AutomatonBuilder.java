package dev.switchboard.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link KeywordAutomaton}: alphabet classes, trie, double-array placement, failure links and merged
 * outputs. Runs once per policy version; single use.
 */
final class AutomatonBuilder {
    /** Classes must fit the class table's shorts, also as a phrase start's {@code PHRASE_START - class}. */
    private static final int MAX_CLASSES = Short.MAX_VALUE + Fold.PHRASE_START;
    /** Most bytes the dense rows of one policy may take. */
    static final long DENSE_BUDGET = 4L << 20;
    /** Narrowest dense rows worth having: the 63 most frequent characters. */
    static final int MIN_DENSE_SHIFT = 6;

    private final List<KeywordAutomaton.Pattern> patterns;
    private final long denseBudget;
    private final Fold fold = Fold.get();
    private final Map<Character, Short> alphabet = new HashMap<>();
    /** Trie: children by class per node, and the patterns ending at each node. */
    private final List<Map<Short, Integer>> children = new ArrayList<>();

    private final List<List<Integer>> terminals = new ArrayList<>();

    AutomatonBuilder(List<KeywordAutomaton.Pattern> patterns) {
        this(patterns, DENSE_BUDGET);
    }

    /** With another budget for the dense rows (0: none), so tests can exercise every transition path. */
    AutomatonBuilder(List<KeywordAutomaton.Pattern> patterns, long denseBudget) {
        this.patterns = patterns;
        this.denseBudget = denseBudget;
    }

    KeywordAutomaton build() {
        assignClasses();
        buildTrie();
        int[] position = new int[children.size()];
        DoubleArray array = place(position);
        int[] fail = new int[array.check.length];
        int[][] outputsByPosition = new int[array.check.length][];
        linkFailures(position, array, fail, outputsByPosition);
        int[] outputStart = new int[array.check.length + 1];
        int total = 0;
        for (int p = 0; p < outputsByPosition.length; p++) {
            outputStart[p] = total;
            total += outputsByPosition[p] == null ? 0 : outputsByPosition[p].length;
        }
        outputStart[outputsByPosition.length] = total;
        int[] outputs = new int[total];
        for (int p = 0; p < outputsByPosition.length; p++) {
            if (outputsByPosition[p] != null) {
                System.arraycopy(outputsByPosition[p], 0, outputs, outputStart[p], outputsByPosition[p].length);
            }
        }
        int[] rootNext = new int[alphabet.size() + 1];
        children.get(0).forEach((cls, child) -> rootNext[cls] = position[child]);
        int maxLength =
                patterns.stream().mapToInt(p -> p.folded().length()).max().orElse(0);
        int ringSize = Integer.highestOneBit(Math.max(maxLength, 1)) * 2;
        return new KeywordAutomaton(
                classTable(),
                exactClassTable(),
                alphabet.getOrDefault(' ', (short) 0),
                rootNext,
                array.base,
                array.check,
                fail,
                outputStart,
                outputs,
                patterns,
                denseRows(position, array, fail, rootNext, outputsByPosition));
    }

    /** Full transition rows: {@code table[position << shift | class]} for classes below {@code 1 << shift}. */
    record DenseRows(char[] table, int shift) {
        static final DenseRows NONE = new DenseRows(null, 0);
    }

    /**
     * Full transitions (failure links already followed) for the most frequent classes, one row per position, so that
     * text made of them steps with one load per character. Rows are as wide as the alphabet when that fits in
     * {@link #DENSE_BUDGET} bytes, else narrower (the most frequent classes), down to {@link #MIN_DENSE_SHIFT}; larger
     * automata go without. Positions must fit 15 bits (the 16th says "reports patterns").
     */
    private DenseRows denseRows(
            int[] position, DoubleArray array, int[] fail, int[] rootNext, int[][] outputsByPosition) {
        int positions = array.check.length;
        int shift = 32 - Integer.numberOfLeadingZeros(alphabet.size());
        while (shift > MIN_DENSE_SHIFT && ((long) positions << shift) * 2 > denseBudget) {
            shift--;
        }
        shift = Math.max(shift, MIN_DENSE_SHIFT);
        if (positions > KeywordAutomaton.DENSE_POSITION_MASK || ((long) positions << shift) * 2 > denseBudget) {
            return DenseRows.NONE;
        }
        int width = 1 << shift;
        int limit = Math.min(width, alphabet.size() + 1);
        char[] dense = new char[positions << shift];
        for (int cls = 1; cls < limit; cls++) {
            dense[cls] = denseEntry(rootNext[cls], outputsByPosition);
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>(children.get(0).values());
        while (!queue.isEmpty()) {
            int node = queue.poll();
            int at = position[node];
            int failRow = fail[at] << shift;
            Map<Short, Integer> kids = children.get(node);
            for (int cls = 1; cls < limit; cls++) {
                Integer child = kids.get((short) cls);
                dense[(at << shift) + cls] =
                        child != null ? denseEntry(position[child], outputsByPosition) : dense[failRow + cls];
            }
            queue.addAll(kids.values());
        }
        return new DenseRows(dense, shift);
    }

    /** A position with, in the top bit, whether it reports patterns. */
    private static char denseEntry(int position, int[][] outputsByPosition) {
        return (char) (outputsByPosition[position] == null ? position : position | KeywordAutomaton.DENSE_EMITS);
    }

    /** Dense class ids for every character of every pattern, most frequent first. */
    private void assignClasses() {
        Map<Character, Integer> counts = new HashMap<>();
        for (KeywordAutomaton.Pattern pattern : patterns) {
            if (pattern.folded().isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            for (char c : pattern.folded().toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        if (counts.size() >= MAX_CLASSES) {
            throw new IllegalArgumentException("too many distinct characters in keywords: " + counts.size());
        }
        List<Map.Entry<Character, Integer>> byFrequency = new ArrayList<>(counts.entrySet());
        byFrequency.sort(
                Map.Entry.<Character, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        short next = 1;
        for (Map.Entry<Character, Integer> entry : byFrequency) {
            alphabet.put(entry.getKey(), next++);
        }
    }

    private void buildTrie() {
        children.add(new HashMap<>());
        terminals.add(null);
        for (int p = 0; p < patterns.size(); p++) {
            int node = 0;
            for (char c : patterns.get(p).folded().toCharArray()) {
                short cls = alphabet.get(c);
                Integer child = children.get(node).get(cls);
                if (child == null) {
                    child = children.size();
                    children.add(new HashMap<>());
                    terminals.add(null);
                    children.get(node).put(cls, child);
                }
                node = child;
            }
            if (terminals.get(node) == null) {
                terminals.set(node, new ArrayList<>());
            }
            terminals.get(node).add(p);
        }
    }

    private record DoubleArray(int[] base, int[] check) {}

    /** Places every trie node in the double array (first fit, breadth first); fills {@code position}. */
    private DoubleArray place(int[] position) {
        int capacity = Math.max(64, children.size() * 2 + alphabet.size() + 1);
        int[] base = new int[capacity];
        int[] check = new int[capacity];
        Arrays.fill(check, -1);
        BitSet used = new BitSet();
        used.set(0);
        check[0] = 0;
        int highest = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        while (!queue.isEmpty()) {
            int node = queue.poll();
            Map<Short, Integer> kids = children.get(node);
            if (kids.isEmpty()) {
                continue;
            }
            short[] classes = sortedClasses(kids);
            int b = findBase(used, classes);
            int needed = b + classes[classes.length - 1] + alphabet.size() + 2;
            if (needed > base.length) {
                int grown = Math.max(needed, base.length * 2);
                base = Arrays.copyOf(base, grown);
                int old = check.length;
                check = Arrays.copyOf(check, grown);
                Arrays.fill(check, old, grown, -1);
            }
            base[position[node]] = b;
            for (short cls : classes) {
                int child = kids.get(cls);
                int at = b + cls;
                used.set(at);
                check[at] = position[node];
                position[child] = at;
                highest = Math.max(highest, at);
                queue.add(child);
            }
        }
        // Room after the last base so that base + any class stays inside the array.
        int length = highest + alphabet.size() + 2;
        int[] trimmedCheck = Arrays.copyOf(check, length);
        for (int i = Math.min(check.length, length); i < length; i++) {
            trimmedCheck[i] = -1;
        }
        return new DoubleArray(Arrays.copyOf(base, length), trimmedCheck);
    }

    private static short[] sortedClasses(Map<Short, Integer> kids) {
        short[] classes = new short[kids.size()];
        int i = 0;
        for (short cls : kids.keySet()) {
            classes[i++] = cls;
        }
        Arrays.sort(classes);
        return classes;
    }

    private static int findBase(BitSet used, short[] classes) {
        int b = Math.max(1, used.nextClearBit(1) - classes[0]);
        while (true) {
            boolean fits = true;
            for (short cls : classes) {
                if (used.get(b + cls)) {
                    fits = false;
                    break;
                }
            }
            if (fits) {
                return b;
            }
            b = Math.max(b + 1, used.nextClearBit(b + classes[0]) - classes[0]);
        }
    }

    /** Breadth-first failure links; each position's outputs are its own patterns plus those of its failure. */
    private void linkFailures(int[] position, DoubleArray array, int[] fail, int[][] outputs) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        children.get(0).values().forEach(child -> {
            fail[position[child]] = 0;
            outputs[position[child]] = own(child);
            queue.add(child);
        });
        while (!queue.isEmpty()) {
            int node = queue.poll();
            int at = position[node];
            children.get(node).forEach((cls, child) -> {
                int f = fail[at];
                int target;
                while (true) {
                    int candidate = transition(array, f, cls, position);
                    if (candidate >= 0) {
                        target = candidate;
                        break;
                    }
                    if (f == 0) {
                        target = 0;
                        break;
                    }
                    f = fail[f];
                }
                int childAt = position[child];
                fail[childAt] = target;
                outputs[childAt] = concat(own(child), outputs[target]);
                queue.add(child);
            });
        }
    }

    private int transition(DoubleArray array, int at, short cls, int[] position) {
        if (at == 0) {
            Integer child = children.get(0).get(cls);
            return child == null ? -1 : position[child];
        }
        int t = array.base[at] + cls;
        return t < array.check.length && array.check[t] == at ? t : -1;
    }

    private int[] own(int node) {
        List<Integer> ends = terminals.get(node);
        return ends == null ? null : ends.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * Original character → class, with the fold built in: a plain character's class (0 when no keyword has it), the
     * other kinds as they are, except that a phrase start's entry also carries the class it has when no phrase follows
     * ({@code PHRASE_START - class}). Blocks without keyword characters stay shared.
     */
    private short[][] classTable() {
        short[][] table = fold.kindTable().clone();
        boolean[] owned = new boolean[256];
        for (int c = 0; c < 0x10000; c++) {
            char ch = (char) c;
            short kind = fold.kind(ch);
            if (kind != Fold.PLAIN && kind != Fold.PHRASE_START) {
                continue;
            }
            Short cls = alphabet.get(fold.to(ch));
            if (cls == null) {
                continue;
            }
            int hi = c >>> 8;
            if (!owned[hi]) {
                table[hi] = table[hi].clone();
                owned[hi] = true;
            }
            table[hi][c & 0xFF] = kind == Fold.PLAIN ? cls : (short) (Fold.PHRASE_START - cls);
        }
        return table;
    }

    /** Folded character → class, for characters that come out of the slow path already folded. */
    private short[][] exactClassTable() {
        short[][] table = new short[256][];
        alphabet.forEach((c, cls) -> {
            if (table[c >>> 8] == null) {
                table[c >>> 8] = new short[256];
            }
            table[c >>> 8][c & 0xFF] = cls;
        });
        return table;
    }
}
