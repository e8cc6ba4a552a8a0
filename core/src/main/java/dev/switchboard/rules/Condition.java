package dev.switchboard.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;

/**
 * A CEL boolean expression compiled once (per policy version) against a {@link RuleEnvironment}. Evaluation never
 * throws: an error (a missing map key, a type mismatch) means the condition does not hold, and the error is reported
 * for the trace. Immutable and thread-safe.
 */
public final class Condition {
    private final String source;
    private final CelRuntime.Program program;

    private Condition(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** Compiles {@code source}; every syntax or type error is reported with its line and column. */
    public static Condition compile(String source, RuleEnvironment environment) throws ConditionException {
        try {
            CelAbstractSyntaxTree ast = environment.compile(source);
            return new Condition(source, environment.runtime().createProgram(ast));
        } catch (CelValidationException e) {
            throw new ConditionException(
                    e.getErrors().stream().map(Condition::issue).toList());
        } catch (CelEvaluationException e) {
            throw new ConditionException(List.of(new ConditionException.Issue(e.getMessage(), 1, 1)));
        }
    }

    private static ConditionException.Issue issue(CelIssue issue) {
        return new ConditionException.Issue(
                issue.getMessage(),
                Math.max(1, issue.getSourceLocation().getLine()),
                issue.getSourceLocation().getColumn() + 1);
    }

    public String source() {
        return source;
    }

    /** Evaluates against {@code variables} (JSON-like values: Long, Double, String, Boolean, List, Map). */
    public Evaluation evaluate(Map<String, ?> variables) {
        try {
            Object result = program.eval(variables);
            return Boolean.TRUE.equals(result) ? Evaluation.MATCHED : Evaluation.NOT_MATCHED;
        } catch (CelEvaluationException | RuntimeException e) {
            return Evaluation.error(e.getMessage());
        }
    }

    /** The outcome of one evaluation: matched or not, and why not when it failed. */
    public record Evaluation(boolean matched, String error) {
        static final Evaluation MATCHED = new Evaluation(true, null);
        static final Evaluation NOT_MATCHED = new Evaluation(false, null);

        static Evaluation error(String message) {
            return new Evaluation(false, message == null ? "evaluation failed" : message);
        }
    }
}
