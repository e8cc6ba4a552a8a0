package dev.switchboard.routing;

/**
 * One evaluated step of the decision order: its name, its outcome ({@code pass}, {@code decided}, {@code absent},
 * {@code error}) and an optional detail for a policy author.
 */
public record TraceStep(String step, String result, String detail) {
    public static final String PASS = "pass";
    public static final String DECIDED = "decided";
    public static final String ABSENT = "absent";
    public static final String ERROR = "error";
}
