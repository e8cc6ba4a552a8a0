package dev.switchboard.routing;

import dev.switchboard.text.Hits;
import dev.switchboard.text.KeywordAutomaton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the keywords of every scenario of a policy in one pass and applies the exclusions: a keyword match that lies
 * inside a match of one of its scenario's exclusions (e.g. {@code 人工} inside {@code 人工智能}) does not count.
 * Compiled once per policy version; immutable and thread-safe.
 */
final class ScenarioMatcher {
    private final List<Scenario> scenarios;
    private final KeywordAutomaton automaton;
    private final int[] scenarioOf;
    private final String[] keywordOf;
    private final boolean[] exclusion;
    /** {@code high_risk_<scenario>} per scenario, built once. */
    private final String[] reasonCodes;

    private ScenarioMatcher(
            List<Scenario> scenarios,
            List<KeywordAutomaton.Pattern> patterns,
            List<Integer> scenarioOf,
            List<String> keywordOf,
            List<Boolean> exclusion) {
        this.scenarios = scenarios;
        this.reasonCodes = scenarios.stream().map(sc -> "high_risk_" + sc.id()).toArray(String[]::new);
        this.automaton = KeywordAutomaton.compile(patterns);
        this.scenarioOf = scenarioOf.stream().mapToInt(Integer::intValue).toArray();
        this.keywordOf = keywordOf.toArray(String[]::new);
        this.exclusion = new boolean[exclusion.size()];
        for (int p = 0; p < this.exclusion.length; p++) {
            this.exclusion[p] = exclusion.get(p);
        }
    }

    private static final Comparator<KeywordMatch> TEXT_ORDER =
            Comparator.comparingInt(KeywordMatch::start).thenComparing(KeywordMatch::end, Comparator.reverseOrder());

    static ScenarioMatcher compile(List<Scenario> scenarios) {
        List<KeywordAutomaton.Pattern> patterns = new ArrayList<>();
        List<Integer> scenarioOf = new ArrayList<>();
        List<String> keywordOf = new ArrayList<>();
        List<Boolean> exclusion = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            for (boolean excluding : new boolean[] {false, true}) {
                Map<?, List<String>> lists = excluding
                        ? scenarios.get(s).exclusions()
                        : scenarios.get(s).keywords();
                for (List<String> words : lists.values()) {
                    for (String word : words) {
                        patterns.add(KeywordSyntax.pattern(word));
                        scenarioOf.add(s);
                        keywordOf.add(word);
                        exclusion.add(excluding);
                    }
                }
            }
        }
        return new ScenarioMatcher(scenarios, patterns, scenarioOf, keywordOf, exclusion);
    }

    /** The result of one search: the surviving matches in text order, and the highest-priority scenario hit. */
    record Found(List<KeywordMatch> matches, Scenario first, String reasonCode) {
        static final Found NONE = new Found(List.of(), null, null);
    }

    Found find(String message) {
        Hits hits = automaton.scan(message);
        if (hits.isEmpty()) {
            return Found.NONE;
        }
        List<KeywordMatch> matches = new ArrayList<>();
        int first = Integer.MAX_VALUE;
        for (int h = 0; h < hits.size(); h++) {
            int pattern = hits.pattern(h);
            if (exclusion[pattern] || isExcluded(hits, h)) {
                continue;
            }
            int scenario = scenarioOf[pattern];
            first = Math.min(first, scenario);
            matches.add(new KeywordMatch(scenarios.get(scenario).id(), keywordOf[pattern], hits.start(h), hits.end(h)));
        }
        if (matches.isEmpty()) {
            return Found.NONE;
        }
        matches.sort(TEXT_ORDER);
        return new Found(matches, scenarios.get(first), reasonCodes[first]);
    }

    private boolean isExcluded(Hits hits, int keywordHit) {
        int scenario = scenarioOf[hits.pattern(keywordHit)];
        for (int h = 0; h < hits.size(); h++) {
            int pattern = hits.pattern(h);
            if (exclusion[pattern]
                    && scenarioOf[pattern] == scenario
                    && hits.foldedStart(h) <= hits.foldedStart(keywordHit)
                    && hits.foldedEnd(keywordHit) <= hits.foldedEnd(h)) {
                return true;
            }
        }
        return false;
    }
}
