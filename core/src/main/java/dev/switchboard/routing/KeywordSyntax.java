package dev.switchboard.routing;

import dev.switchboard.text.KeywordAutomaton;
import dev.switchboard.text.TextNormalizer;
import java.util.Optional;

/**
 * How a keyword as written in a policy becomes a pattern: it is folded like messages are; a keyword in a spaced
 * script (Latin, digits) matches whole words only, and a trailing {@code *} drops the end boundary
 * ({@code refund*} matches {@code refundable}); Chinese and Arabic keywords match anywhere, since Chinese has no
 * spaces and Arabic glues prefixes such as {@code ال} and {@code و} to words.
 */
public final class KeywordSyntax {
    public static final int MAX_LENGTH = 200;
    private static final char WILDCARD = '*';

    private KeywordSyntax() {}

    /** What is wrong with a keyword, if anything. */
    public static Optional<String> problem(String keyword) {
        int star = keyword.indexOf(WILDCARD);
        if (star >= 0 && star != keyword.length() - 1) {
            return Optional.of("'*' may only end a keyword (prefix match), as in \"refund*\"");
        }
        String body = star >= 0 ? keyword.substring(0, star) : keyword;
        String folded = TextNormalizer.fold(body).strip();
        if (folded.isEmpty()) {
            return Optional.of("is empty once normalized");
        }
        if (star >= 0 && !isSpaced(folded)) {
            return Optional.of("'*' only applies to Latin-script keywords; Chinese and Arabic keywords already match"
                    + " inside words");
        }
        return Optional.empty();
    }

    /** The pattern of a valid keyword (see {@link #problem}). */
    public static KeywordAutomaton.Pattern pattern(String keyword) {
        boolean prefix = keyword.endsWith(String.valueOf(WILDCARD));
        String body = prefix ? keyword.substring(0, keyword.length() - 1) : keyword;
        String folded = TextNormalizer.fold(body).strip();
        boolean spaced = isSpaced(folded);
        return new KeywordAutomaton.Pattern(folded, spaced, spaced && !prefix);
    }

    /** Whether the text is written in a script that separates words with spaces (no Han, kana or Arabic). */
    static boolean isSpaced(String folded) {
        return folded.codePoints().noneMatch(c -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            return script == Character.UnicodeScript.HAN
                    || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.ARABIC;
        });
    }
}
