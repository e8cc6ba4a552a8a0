package dev.switchboard.routing;

import dev.switchboard.text.Language;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A risk scenario of a policy: keywords per language, exclusions that suppress a keyword match lying inside them,
 * and the mode a match leads to. Immutable.
 */
public record Scenario(
        String id, Mode mode, Map<Language, List<String>> keywords, Map<Language, List<String>> exclusions) {
    /** Id of the scenario that means "the customer asks for a human"; its matches transfer by default. */
    public static final String TRANSFER = "transfer";

    public Scenario {
        keywords = copy(keywords);
        exclusions = copy(exclusions);
    }

    /** The default mode of a scenario: {@code transfer} for the transfer scenario, {@code micro_flow} otherwise. */
    public static Mode defaultMode(String id) {
        return TRANSFER.equals(id) ? Mode.TRANSFER : Mode.MICRO_FLOW;
    }

    private static Map<Language, List<String>> copy(Map<Language, List<String>> byLanguage) {
        Map<Language, List<String>> copy = new EnumMap<>(Language.class);
        byLanguage.forEach((language, words) -> copy.put(language, List.copyOf(words)));
        return copy.isEmpty() ? Map.of() : Map.copyOf(copy);
    }
}
