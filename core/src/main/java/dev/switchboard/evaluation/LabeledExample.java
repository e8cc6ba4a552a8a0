package dev.switchboard.evaluation;

import dev.switchboard.text.Language;
import java.util.Map;

/**
 * A customer message labeled per scenario (the format of {@code eval/*.jsonl}); a scenario missing from
 * {@code expect} is unknown for this message and counts neither as a hit nor as a miss.
 */
public record LabeledExample(String text, Language language, String source, Map<String, Boolean> expect) {
    public LabeledExample {
        expect = Map.copyOf(expect);
    }
}
