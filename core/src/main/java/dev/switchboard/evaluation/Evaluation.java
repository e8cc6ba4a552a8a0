package dev.switchboard.evaluation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.input.WireEnum;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.Scenario;
import dev.switchboard.text.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a policy's keyword detection on labeled messages: per language and scenario, a scenario is predicted when
 * any of its keywords matches (exclusions applied), whatever the other scenarios do. Thread-safe.
 */
public final class Evaluation {
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final Set<String> FIELDS = Set.of("text", "lang", "source", "expect");

    private Evaluation() {}

    /** Reads JSON Lines; problems are reported as {@code line N: field: message}. Blank lines are skipped. */
    public static List<LabeledExample> readJsonLines(BufferedReader reader) throws IOException, InvalidInputException {
        List<LabeledExample> examples = new ArrayList<>();
        Problems problems = new Problems();
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Problems lineProblems = new Problems();
            LabeledExample example = parse(line, lineProblems);
            for (var problem : lineProblems.list()) {
                problems.add(
                        "line " + number + (problem.field().isEmpty() ? "" : ": " + problem.field()),
                        problem.message());
            }
            if (example != null && lineProblems.isEmpty()) {
                examples.add(example);
            }
        }
        problems.throwIfAny();
        return examples;
    }

    private static LabeledExample parse(String line, Problems problems) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JacksonException e) {
            problems.add("", "not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        InputNode root = InputNode.root(json, problems);
        if (!root.object(FIELDS)) {
            root.problem("must be an object with text, lang and expect");
            return null;
        }
        String text = root.get("text").string(true, 100_000);
        Language language = root.get("lang").enumValue(Language.class, null);
        if (root.get("lang").isMissing()) {
            root.get("lang").problem("is required");
        }
        String source = root.get("source").string(false, 200);
        Map<String, Boolean> expect = new LinkedHashMap<>();
        root.get("expect").entries().forEach((scenario, value) -> {
            Boolean label = value.bool(null);
            if (label != null) {
                expect.put(scenario, label);
            }
        });
        return text == null || language == null ? null : new LabeledExample(text, language, source, expect);
    }

    public static EvaluationReport evaluate(CompiledPolicy policy, List<LabeledExample> examples) {
        List<String> scenarios = new ArrayList<>();
        policy.routing().scenarios().stream().map(Scenario::id).forEach(scenarios::add);
        examples.forEach(e ->
                e.expect().keySet().stream().filter(s -> !scenarios.contains(s)).forEach(scenarios::add));
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<EvaluationReport.Miss> misses = new ArrayList<>();
        for (LabeledExample example : examples) {
            List<KeywordMatch> matches = policy.routing().findKeywords(example.text());
            Set<String> predicted = new HashSet<>();
            matches.forEach(m -> predicted.add(m.scenario()));
            example.expect().forEach((scenario, expected) -> {
                boolean got = predicted.contains(scenario);
                int cell = expected ? (got ? 0 : 2) : (got ? 1 : 3);
                counts.computeIfAbsent(key(example.language(), scenario), k -> new int[4])[cell]++;
                counts.computeIfAbsent(key(null, scenario), k -> new int[4])[cell]++;
                if (expected != got) {
                    misses.add(new EvaluationReport.Miss(example, scenario, expected, matches));
                }
            });
        }
        List<Score> scores = new ArrayList<>();
        for (Language language : new Language[] {Language.EN, Language.AR, Language.ZH, null}) {
            for (String scenario : scenarios) {
                int[] c = counts.get(key(language, scenario));
                if (c != null) {
                    scores.add(new Score(language, scenario, c[0], c[1], c[2], c[3]));
                }
            }
        }
        return new EvaluationReport(scores, misses);
    }

    private static String key(Language language, String scenario) {
        return (language == null ? "all" : WireEnum.code(language)) + "/" + scenario;
    }
}
