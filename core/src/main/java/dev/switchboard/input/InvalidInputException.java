package dev.switchboard.input;

import java.util.List;
import java.util.stream.Collectors;

/** An input that was read completely and found wrong; carries every problem, not just the first. */
public class InvalidInputException extends Exception {
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
