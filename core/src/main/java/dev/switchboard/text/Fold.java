package dev.switchboard.text;

import com.ibm.icu.text.Normalizer2;

/**
 * The normalization of §2.3 as per-character tables, shared by every policy.
 *
 * <p>Folding a code point means: Unicode NFKC with case folding (ICU's NFKC_Casefold, which also drops default
 * ignorables such as zero-width joiners), then per resulting code point Traditional → Simplified Chinese, Arabic
 * unification (alef forms → ا, ى/ی → ي, ة → ه, ک → ك, Arabic-Indic digits → ASCII), removal of Arabic diacritics and
 * tatweel, every white space and dash → one {@code ' '}, and typographic apostrophes → {@code '}.
 *
 * <p>For speed each BMP character has a <em>kind</em>: {@link #PLAIN} characters fold to exactly one character
 * ({@link #to(char)}) with no context, which is almost all text; the other kinds are resolved by {@link #foldAt}, the
 * one general routine, which both the keyword normalizer and the scanner call so they can never disagree. Immutable
 * and thread-safe.
 */
final class Fold {
    /** Folds to exactly one BMP character, independent of its neighbours. */
    static final short PLAIN = 0;
    /** Folds to nothing (diacritics, tatweel, zero-width characters). */
    static final short DELETE = -1;
    /** White space: folds to {@code ' '}; runs collapse to one. */
    static final short SPACE = -2;
    /** Needs {@link #foldAt}: several output characters, a surrogate, or the start of a Chinese phrase. */
    static final short COMPLEX = -3;
    /** A combining character that may compose with the character before it under NFKC. */
    static final short COMPOSER = -4;
    /**
     * Starts a Traditional Chinese phrase that converts differently from its characters; when no phrase follows, it
     * folds like a plain character to {@link #to(char)}.
     */
    static final short PHRASE_START = -5;

    private static final Fold INSTANCE = new Fold();

    private final Normalizer2 nfkcCasefold = Normalizer2.getNFKCCasefoldInstance();
    private final HanSimplifier han = HanSimplifier.load();
    private final short[][] kinds = new short[256][];
    private final char[] to = new char[0x10000];
    /** Bit per BMP character: {@link #wordCharOf} as a table, since a match's boundary check asks it per match. */
    private final long[] wordChars = new long[0x10000 / 64];

    private Fold() {
        for (int hi = 0; hi < 256; hi++) {
            kinds[hi] = new short[256];
        }
        for (int c = 0; c < 0x10000; c++) {
            classify((char) c);
        }
        for (int c = 0; c < 0x10000; c++) {
            if (wordCharOf((char) c)) {
                wordChars[c >>> 6] |= 1L << c;
            }
        }
    }

    static Fold get() {
        return INSTANCE;
    }

    /** Receives folded characters with the range of the original text they came from. */
    interface Sink {
        void accept(char folded, int originalStart, int originalEnd);
    }

    short kind(char c) {
        return kinds[c >>> 8][c & 0xFF];
    }

    /** The folded character of a {@link #PLAIN} or {@link #PHRASE_START} character. */
    char to(char c) {
        return to[c];
    }

    /** Whether the character folds to exactly one character on its own ({@link #to(char)}). */
    boolean hasSingleFold(char c) {
        short kind = kind(c);
        return kind == PLAIN || kind == PHRASE_START;
    }

    /**
     * Whether a character as a scan stores it (the original when it folds one to one on its own, else the folded
     * one) is a letter or digit of a spaced script, which a keyword's word boundary may not touch.
     */
    boolean isWordChar(char stored) {
        return (wordChars[stored >>> 6] & (1L << stored)) != 0;
    }

    /** The definition behind {@link #isWordChar}: Han, kana, bopomofo and Thai are written without spaces. */
    boolean wordCharOf(char stored) {
        char c = hasSingleFold(stored) ? to(stored) : stored;
        if (!Character.isLetterOrDigit(c) && Character.getType(c) != Character.NON_SPACING_MARK) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN
                && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA
                && script != Character.UnicodeScript.BOPOMOFO
                && script != Character.UnicodeScript.THAI;
    }

    /** Whether a Chinese phrase starts at {@code index} (whose character is a {@link #PHRASE_START}). */
    boolean phraseStartsAt(CharSequence text, int index) {
        return mayStartPhrase(text, index) && han.phraseAt(text, index) != null;
    }

    /**
     * Whether a phrase may start at {@code index}: when not, a {@link #PHRASE_START} there folds on its own. A hash and
     * a bit test, cheap enough for the scan's hot loop.
     */
    boolean mayStartPhrase(CharSequence text, int index) {
        return index + 1 < text.length() && han.mayStart(text.charAt(index), text.charAt(index + 1));
    }

    /** Top-level kind table; callers copy it and overwrite blocks, never mutate it. */
    short[][] kindTable() {
        return kinds;
    }

    /**
     * Folds the unit that starts at {@code index} — a Chinese phrase, a character with the combining marks that follow
     * it, or one code point — into {@code sink} and returns the index after it.
     */
    int foldAt(CharSequence text, int index, Sink sink) {
        int codePoint = Character.codePointAt(text, index);
        if (han.startsPhrase(codePoint)) {
            HanSimplifier.Phrase phrase = han.phraseAt(text, index);
            if (phrase != null) {
                return emitPhrase(phrase, index, sink);
            }
        }
        int end = index + Character.charCount(codePoint);
        int clusterEnd = end;
        while (clusterEnd < text.length() && kind(text.charAt(clusterEnd)) == COMPOSER) {
            clusterEnd++;
        }
        boolean cluster = clusterEnd > end || (codePoint < 0x10000 && kind((char) codePoint) == COMPOSER);
        String folded = cluster
                ? postFold(nfkcCasefold.normalize(text.subSequence(index, clusterEnd)))
                : foldCodePoint(codePoint);
        emit(folded, index, clusterEnd, sink);
        return clusterEnd;
    }

    /**
     * Where a folded character's original range ends: removed characters right after it (diacritics, tatweel,
     * zero-width characters) belong to it, so a highlighted match keeps its marks.
     */
    int extendOverRemoved(CharSequence text, int end) {
        int e = end;
        while (e < text.length()
                && kind(text.charAt(e)) == DELETE
                && (e + 1 >= text.length() || kind(text.charAt(e + 1)) != COMPOSER)) {
            e++;
        }
        return e;
    }

    /** The fold of one code point on its own. */
    String foldCodePoint(int codePoint) {
        if (codePoint < 0x10000) {
            char c = (char) codePoint;
            short kind = kind(c);
            if (kind == PLAIN || kind == PHRASE_START) {
                return String.valueOf(to[c]);
            }
            if (kind == DELETE) {
                return "";
            }
            if (kind == SPACE) {
                return " ";
            }
        }
        return postFold(nfkcCasefold.normalize(Character.toString(codePoint)));
    }

    private int emitPhrase(HanSimplifier.Phrase phrase, int index, Sink sink) {
        int[] source = phrase.source();
        int[] target = phrase.target().codePoints().toArray();
        int end = index;
        for (int codePoint : source) {
            end += Character.charCount(codePoint);
        }
        if (target.length != source.length) {
            emit(phrase.target(), index, end, sink);
            return end;
        }
        // Same length: the k-th output character comes from the k-th source character.
        int start = index;
        for (int k = 0; k < source.length; k++) {
            int sourceEnd = start + Character.charCount(source[k]);
            emit(Character.toString(target[k]), start, sourceEnd, sink);
            start = sourceEnd;
        }
        return end;
    }

    private static void emit(String folded, int start, int end, Sink sink) {
        for (int i = 0; i < folded.length(); i++) {
            sink.accept(folded.charAt(i), start, end);
        }
    }

    /** Applies the per-code-point folds that follow NFKC_Casefold. */
    private String postFold(String normalized) {
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(codePoint -> {
            String simplified = han.single(codePoint);
            if (simplified != null) {
                simplified.codePoints().forEach(c -> appendFinal(c, out));
            } else {
                appendFinal(codePoint, out);
            }
        });
        return out.toString();
    }

    private static void appendFinal(int codePoint, StringBuilder out) {
        if (Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.DASH_PUNCTUATION) {
            // "money-back" is "money back"; dashes separate words like spaces do
            out.append(' ');
        } else if (isApostrophe(codePoint)) {
            // phone keyboards type ’ where keywords say '
            out.append('\'');
        } else if (!ArabicFold.isRemoved(codePoint)) {
            out.appendCodePoint(ArabicFold.unify(codePoint));
        }
    }

    private static boolean isApostrophe(int c) {
        return c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x02B9 || c == 0x2032;
    }

    private void classify(char c) {
        short kind;
        if (Character.isSurrogate(c)) {
            kind = COMPLEX;
        } else if (!nfkcCasefold.hasBoundaryBefore(c) && (!ArabicFold.isRemoved(c) || ArabicFold.composes(c))) {
            kind = COMPOSER;
        } else {
            String folded = postFold(nfkcCasefold.normalize(String.valueOf(c)));
            if (folded.isEmpty()) {
                kind = DELETE;
            } else if (folded.equals(" ")) {
                kind = SPACE;
            } else if (folded.length() == 1) {
                kind = han.startsPhrase(c) ? PHRASE_START : PLAIN;
                to[c] = folded.charAt(0);
            } else if (han.startsPhrase(c)) {
                kind = COMPLEX;
            } else {
                kind = COMPLEX;
            }
        }
        kinds[c >>> 8][c & 0xFF] = kind;
    }
}
