package dev.switchboard.text;

import java.util.Optional;

/**
 * Guesses a message's language from its script: Arabic letters → {@code ar}, Han ideographs → {@code zh}, Latin
 * letters → {@code en}. A Han character carries about a word, so it counts as three letters; digits, punctuation and
 * other scripts do not count. Thread-safe.
 *
 * <p>Every decision without a given locale runs this over up to {@link #SAMPLE} characters, so it is a table lookup
 * and an addition per character, with no branch that depends on the text: one {@code long} holds the three counts
 * and their weighted sum in 16-bit fields, and each character adds its script's increment. Branching per character
 * on ASCII, Arabic and Han ranges cost up to a third of a whole decision (bench/README.md).
 */
public final class ScriptDetector {
    /** Characters read at most, and weighted letters that are enough to decide. */
    private static final int SAMPLE = 400;

    private static final int ENOUGH = 90;

    private static final int LATIN_SHIFT = 0;
    private static final int ARABIC_SHIFT = 16;
    private static final int HAN_SHIFT = 32;
    private static final int WEIGHT_SHIFT = 48;
    private static final long FIELD = 0xFFFF;

    /** Per script (index: the {@link #SCRIPTS} entry), what one character adds to the packed counts. */
    private static final long[] INCREMENTS = {
        0,
        1L << LATIN_SHIFT | 1L << WEIGHT_SHIFT,
        1L << ARABIC_SHIFT | 1L << WEIGHT_SHIFT,
        3L << HAN_SHIFT | 3L << WEIGHT_SHIFT
    };

    private static final byte NONE = 0;
    private static final byte LATIN = 1;
    private static final byte ARABIC = 2;
    private static final byte HAN = 3;

    /** The script of every UTF-16 unit; a surrogate counts as none, as it did when each unit was tested. */
    private static final byte[] SCRIPTS = scripts();

    private ScriptDetector() {}

    /** The dominant script's language, or empty when the message has no Arabic, Han or Latin letters. */
    public static Optional<Language> detect(CharSequence text) {
        int limit = Math.min(text.length(), SAMPLE);
        long counts = 0;
        // At most SAMPLE characters of weight at most 3: no field can overflow into the next.
        for (int i = 0; i < limit && (counts >>> WEIGHT_SHIFT) < ENOUGH; i++) {
            counts += INCREMENTS[SCRIPTS[text.charAt(i)]];
        }
        int latin = (int) (counts >>> LATIN_SHIFT & FIELD);
        int arabic = (int) (counts >>> ARABIC_SHIFT & FIELD);
        int han = (int) (counts >>> HAN_SHIFT & FIELD);
        if (arabic == 0 && han == 0 && latin == 0) {
            return Optional.empty();
        }
        if (arabic >= han && arabic >= latin) {
            return Optional.of(Language.AR);
        }
        return Optional.of(han >= latin ? Language.ZH : Language.EN);
    }

    /** The script of one UTF-16 unit, as the table holds it. */
    private static byte scriptOf(char c) {
        if (c < 0x80) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? LATIN : NONE;
        }
        if (isArabic(c)) {
            return ARABIC;
        }
        if (isHan(c)) {
            return HAN;
        }
        return Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN ? LATIN : NONE;
    }

    private static byte[] scripts() {
        byte[] scripts = new byte[1 << 16];
        for (int c = 0; c < scripts.length; c++) {
            scripts[c] = scriptOf((char) c);
        }
        return scripts;
    }

    private static boolean isArabic(char c) {
        return (c >= 0x0620 && c <= 0x064A)
                || (c >= 0x066E && c <= 0x06D3)
                || (c >= 0x0750 && c <= 0x077F)
                || (c >= 0x08A0 && c <= 0x08C9)
                || (c >= 0xFB50 && c <= 0xFDFF)
                || (c >= 0xFE70 && c <= 0xFEFC);
    }

    private static boolean isHan(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    }
}
