package dev.switchboard.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A condition that does not compile; lists every issue with its position (1-based line and column). */
public final class ConditionException extends Exception {
    private final transient List<Issue> issues;

    public ConditionException(List<Issue> issues) {
        super(issues.stream().map(Issue::toString).collect(Collectors.joining("; ")));
        this.issues = List.copyOf(issues);
    }

    public List<Issue> issues() {
        return issues;
    }

    /** One compile error at a position of the expression. */
    public record Issue(String message, int line, int column) {
        @Override
        public String toString() {
            return message + " (line " + line + ", column " + column + ")";
        }
    }
}
