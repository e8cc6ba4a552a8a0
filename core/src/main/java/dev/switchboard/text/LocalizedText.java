package dev.switchboard.text;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A text in up to three languages, e.g. a transfer message or a suggested action. Immutable. */
public record LocalizedText(Map<Language, String> texts) {
    public LocalizedText {
        texts = texts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(texts));
    }

    public static LocalizedText of(String en, String ar, String zh) {
        return new LocalizedText(Map.of(Language.EN, en, Language.AR, ar, Language.ZH, zh));
    }

    /** The text in {@code language}, if this text has it. */
    public Optional<String> in(Language language) {
        return Optional.ofNullable(texts.get(language));
    }

    /** The text in {@code language}, else in English, else in any language it has; empty when it has none. */
    public Optional<String> best(Language language) {
        return in(language)
                .or(() -> in(Language.EN))
                .or(() -> texts.values().stream().findFirst());
    }
}
