package dev.switchboard.evaluation;

import dev.switchboard.text.Language;

/**
 * Confusion counts of one scenario in one language ({@code null} language: all languages), with precision, recall
 * and F1; a ratio with a zero denominator is {@code NaN}.
 */
public record Score(
        Language language,
        String scenario,
        int truePositives,
        int falsePositives,
        int falseNegatives,
        int trueNegatives) {

    public int labeled() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    public int positives() {
        return truePositives + falseNegatives;
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        return ratio(2.0 * truePositives, 2.0 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
