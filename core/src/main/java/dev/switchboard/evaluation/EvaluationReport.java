package dev.switchboard.evaluation;

import dev.switchboard.routing.KeywordMatch;
import java.util.List;

/** Scores per language and scenario (then per scenario over all languages) and every misclassified example. */
public record EvaluationReport(List<Score> scores, List<Miss> misses) {
    public EvaluationReport {
        scores = List.copyOf(scores);
        misses = List.copyOf(misses);
    }

    /** An example where the policy's keywords disagreed with the label for {@code scenario}. */
    public record Miss(LabeledExample example, String scenario, boolean expected, List<KeywordMatch> matches) {
        public Miss {
            matches = List.copyOf(matches);
        }
    }
}
