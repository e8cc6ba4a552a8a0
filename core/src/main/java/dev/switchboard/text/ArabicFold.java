package dev.switchboard.text;

/**
 * Arabic spelling variants that customers type interchangeably, folded to one form.
 *
 * <p>Removed: tashkeel (harakat, shadda, sukun, tanween), Quranic annotation marks, superscript alef and tatweel.
 * Unified: alef with hamza or madda and alef wasla → bare alef; alef maksura and Farsi yeh → yeh; teh marbuta → heh;
 * keheh → kaf; Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits. Hamza on waw (ؤ) and on yeh (ئ) are kept:
 * they distinguish words.
 */
final class ArabicFold {
    private ArabicFold() {}

    static boolean isRemoved(int c) {
        return c == 0x0640 // tatweel
                || (c >= 0x0610 && c <= 0x061A)
                || (c >= 0x064B && c <= 0x065F)
                || c == 0x0670
                || (c >= 0x06D6 && c <= 0x06DC)
                || (c >= 0x06DF && c <= 0x06E4)
                || c == 0x06E7
                || c == 0x06E8
                || (c >= 0x06EA && c <= 0x06ED)
                || (c >= 0x08D3 && c <= 0x08FF && c != 0x08E2);
    }

    /** Madda and hamza above/below: removed in the end, but they first compose (و + ٔ → ؤ). */
    static boolean composes(int c) {
        return c >= 0x0653 && c <= 0x0655;
    }

    static int unify(int c) {
        return switch (c) {
            case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673 -> 0x0627; // آ أ إ ٱ → ا
            case 0x0649, 0x06CC -> 0x064A; // ى ی → ي
            case 0x0629 -> 0x0647; // ة → ه
            case 0x06A9 -> 0x0643; // ک → ك
            default -> {
                if (c >= 0x0660 && c <= 0x0669) {
                    yield '0' + (c - 0x0660);
                }
                if (c >= 0x06F0 && c <= 0x06F9) {
                    yield '0' + (c - 0x06F0);
                }
                yield c;
            }
        };
    }
}
