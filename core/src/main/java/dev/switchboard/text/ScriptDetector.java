package dev.switchboard.text;

import java.util.Optional;

/**
 * Guesses a message's language from its script: Arabic letters → {@code ar}, Han ideographs → {@code zh}, Latin
 * letters → {@code en}. A Han character carries about a word, so it counts as three letters; digits, punctuation and
 * other scripts do not count. Thread-safe.
 */
public final class ScriptDetector {
    /** Characters read at most, and weighted letters that are enough to decide. */
    private static final int SAMPLE = 400;

    private static final int ENOUGH = 90;

    private ScriptDetector() {}

    /** The dominant script's language, or empty when the message has no Arabic, Han or Latin letters. */
    public static Optional<Language> detect(CharSequence text) {
        int arabic = 0;
        int han = 0;
        int latin = 0;
        int limit = Math.min(text.length(), SAMPLE);
        for (int i = 0; i < limit && arabic + han + latin < ENOUGH; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    latin++;
                }
            } else if (isArabic(c)) {
                arabic++;
            } else if (isHan(c)) {
                han += 3;
            } else if (Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (arabic == 0 && han == 0 && latin == 0) {
            return Optional.empty();
        }
        if (arabic >= han && arabic >= latin) {
            return Optional.of(Language.AR);
        }
        return Optional.of(han >= latin ? Language.ZH : Language.EN);
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
