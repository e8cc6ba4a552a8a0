package dev.switchboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.input.InvalidInputException;
import dev.switchboard.policy.DefaultPolicy;
import dev.switchboard.text.Language;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static List<LabeledExample> read(String jsonl) throws Exception {
        return Evaluation.readJsonLines(new BufferedReader(new StringReader(jsonl)));
    }

    @Test
    void evaluate_countsPerLanguageAndScenario_skippingUnlabeledScenarios() throws Exception {
        List<LabeledExample> examples = read("""
                {"text": "我要退款", "lang": "zh", "expect": {"refund": true, "transfer": false}}
                {"text": "我对人工智能感兴趣", "lang": "zh", "expect": {"refund": false, "transfer": false}}
                {"text": "能帮我转人工吗", "lang": "zh", "expect": {"refund": false}}

                {"text": "where is my parcel", "lang": "en", "source": "handwritten", "expect": {"refund": true}}
                """);

        EvaluationReport report = Evaluation.evaluate(DefaultPolicy.get(), examples);

        assertThat(report.scores())
                .contains(
                        new Score(Language.ZH, "refund", 1, 0, 0, 2),
                        new Score(Language.ZH, "transfer", 0, 0, 0, 2),
                        new Score(Language.EN, "refund", 0, 0, 1, 0),
                        new Score(null, "refund", 1, 0, 1, 2));
        assertThat(report.misses()).singleElement().satisfies(miss -> {
            assertThat(miss.example().text()).isEqualTo("where is my parcel");
            assertThat(miss.expected()).isTrue();
            assertThat(miss.scenario()).isEqualTo("refund");
        });
    }

    @Test
    void score_computesPrecisionRecallF1() {
        Score score = new Score(Language.EN, "refund", 8, 2, 8, 100);

        assertThat(score.precision()).isEqualTo(0.8);
        assertThat(score.recall()).isEqualTo(0.5);
        assertThat(score.f1()).isCloseTo(0.6154, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(new Score(Language.EN, "x", 0, 0, 0, 5).precision()).isNaN();
    }

    @Test
    void readJsonLines_reportsProblemsWithLineNumbers() {
        assertThatThrownBy(() -> read("""
                {"text": "ok", "lang": "en", "expect": {"refund": true}}
                {"text": "bad lang", "lang": "fr", "expect": {}}
                not json
                {"lang": "zh", "expect": {"refund": "yes"}, "extra": 1}
                """))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field())
                                .contains(
                                        "line 2: lang",
                                        "line 3",
                                        "line 4: text",
                                        "line 4: expect.refund",
                                        "line 4: extra"));
    }
}
