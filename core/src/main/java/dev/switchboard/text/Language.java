package dev.switchboard.text;

import java.util.Locale;

/** The languages Switchboard speaks: message locale, policy keyword lists and console. */
public enum Language {
    EN,
    AR,
    ZH;

    /** The wire code: {@code en}, {@code ar}, {@code zh}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
