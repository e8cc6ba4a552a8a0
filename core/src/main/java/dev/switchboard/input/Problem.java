package dev.switchboard.input;

/**
 * One thing wrong with an input document or request: the field path ({@code rules[0].when}, {@code ""} for the
 * whole document) and a message a person can act on.
 */
public record Problem(String field, String message) {
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
