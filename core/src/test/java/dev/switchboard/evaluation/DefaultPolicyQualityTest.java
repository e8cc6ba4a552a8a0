package dev.switchboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.policy.DefaultPolicy;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the default policy's detection quality on the labeled sets of {@code eval/} (figures and how they were made:
 * {@code docs/default-policy.md}). The floors sit a little under today's scores, so a change that makes detection
 * clearly worse fails here and has to be looked at.
 */
class DefaultPolicyQualityTest {
    private static final Map<String, Double> F1_FLOORS = Map.of(
            "refund", 0.85,
            "complaint_escalation", 0.93,
            "privacy_sensitive_promise", 0.90,
            "transfer", 0.90);

    @ParameterizedTest
    @ValueSource(strings = {"dev.jsonl", "holdout.jsonl"})
    void defaultPolicy_keepsItsF1PerScenario(String file) throws Exception {
        List<LabeledExample> examples;
        try (BufferedReader reader = Files.newBufferedReader(Path.of("..", "eval", file), StandardCharsets.UTF_8)) {
            examples = Evaluation.readJsonLines(reader);
        }

        EvaluationReport report = Evaluation.evaluate(DefaultPolicy.get(), examples);

        for (Score score : report.scores()) {
            if (score.language() == null) {
                assertThat(score.f1())
                        .as("%s %s F1", file, score.scenario())
                        .isGreaterThanOrEqualTo(F1_FLOORS.get(score.scenario()));
            }
        }
    }
}
