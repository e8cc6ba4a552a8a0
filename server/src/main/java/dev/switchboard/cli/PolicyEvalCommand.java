package dev.switchboard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.evaluation.Evaluation;
import dev.switchboard.evaluation.EvaluationReport;
import dev.switchboard.evaluation.LabeledExample;
import dev.switchboard.evaluation.Score;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.routing.KeywordMatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Measures a policy's keyword detection on labeled messages. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Precision, recall, F1 and counts per language and scenario on labeled messages (JSON Lines:"
                + " {\"text\", \"lang\", \"expect\": {scenario: true|false}}), then the misclassified examples.")
final class PolicyEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Parameters(index = "1", paramLabel = "LABELED", description = "Labeled messages, one JSON object per line.")
    Path labeled;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "-1",
            description = "Show at most N misclassified examples (default: all).")
    int limit;

    @Override
    public Integer call() throws IOException, InvalidInputException {
        List<LabeledExample> examples;
        try (BufferedReader reader = Files.newBufferedReader(labeled, StandardCharsets.UTF_8)) {
            examples = Evaluation.readJsonLines(reader);
        }
        EvaluationReport report = Evaluation.evaluate(PolicyFiles.load(file), examples);
        List<EvaluationReport.Miss> misses = limit < 0
                ? report.misses()
                : report.misses().subList(0, Math.min(limit, report.misses().size()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(CliJson.pretty(toJson(report, misses)));
        } else {
            printTable(out, report, misses);
        }
        return 0;
    }

    private static void printTable(PrintWriter out, EvaluationReport report, List<EvaluationReport.Miss> misses) {
        out.printf(
                "%-5s %-26s %6s %6s %6s %6s %9s %7s %6s%n",
                "lang", "scenario", "TP", "FP", "FN", "TN", "precision", "recall", "F1");
        for (Score s : report.scores()) {
            out.printf(
                    "%-5s %-26s %6d %6d %6d %6d %9s %7s %6s%n",
                    language(s),
                    s.scenario(),
                    s.truePositives(),
                    s.falsePositives(),
                    s.falseNegatives(),
                    s.trueNegatives(),
                    ratio(s.precision()),
                    ratio(s.recall()),
                    ratio(s.f1()));
        }
        out.printf(
                "%nMisclassified: %d%s%n",
                report.misses().size(),
                misses.size() < report.misses().size() ? " (showing " + misses.size() + ")" : "");
        for (EvaluationReport.Miss miss : misses) {
            out.printf(
                    "  [%s] %s expected %s, got %s: %s%s%n",
                    miss.example().language().code(),
                    miss.scenario(),
                    miss.expected() ? "yes" : "no",
                    miss.expected() ? "no" : "yes",
                    miss.example().text(),
                    miss.matches().isEmpty() ? "" : "  (matched " + describe(miss.matches()) + ")");
        }
    }

    private static String describe(List<KeywordMatch> matches) {
        return matches.stream().map(m -> m.scenario() + "/" + m.keyword()).collect(Collectors.joining(", "));
    }

    private static String language(Score score) {
        return score.language() == null ? "all" : score.language().code();
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format("%.3f", value);
    }

    private static ObjectNode toJson(EvaluationReport report, List<EvaluationReport.Miss> misses) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode scores = root.putArray("scores");
        for (Score s : report.scores()) {
            ObjectNode node = scores.addObject()
                    .put("language", language(s))
                    .put("scenario", s.scenario())
                    .put("true_positives", s.truePositives())
                    .put("false_positives", s.falsePositives())
                    .put("false_negatives", s.falseNegatives())
                    .put("true_negatives", s.trueNegatives());
            putRatio(node, "precision", s.precision());
            putRatio(node, "recall", s.recall());
            putRatio(node, "f1", s.f1());
        }
        root.put("misclassified_total", report.misses().size());
        ArrayNode list = root.putArray("misclassified");
        for (EvaluationReport.Miss miss : misses) {
            ObjectNode node = list.addObject()
                    .put("text", miss.example().text())
                    .put("lang", miss.example().language().code())
                    .put("source", miss.example().source())
                    .put("scenario", miss.scenario())
                    .put("expected", miss.expected());
            ArrayNode matched = node.putArray("matches");
            for (KeywordMatch m : miss.matches()) {
                matched.addObject()
                        .put("scenario", m.scenario())
                        .put("keyword", m.keyword())
                        .put("start", m.start())
                        .put("end", m.end());
            }
        }
        return root;
    }

    private static void putRatio(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 10_000) / 10_000.0);
        }
    }
}
