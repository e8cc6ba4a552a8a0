package dev.switchboard.input;

import java.util.Locale;

/** How an input document (policy, test cases) is written. */
public enum DocumentFormat {
    JSON,
    YAML;

    /** YAML for {@code .yaml}/{@code .yml} files, JSON otherwise. */
    public static DocumentFormat forFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
    }
}
