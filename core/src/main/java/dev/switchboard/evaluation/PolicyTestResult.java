package dev.switchboard.evaluation;

import dev.switchboard.routing.Decision;
import java.util.List;

/** The outcome of one {@link PolicyTestCase}: each failed expectation as "field: expected …, got …". */
public record PolicyTestResult(String name, Decision decision, List<String> failures) {
    public PolicyTestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
