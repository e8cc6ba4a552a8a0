package dev.switchboard.input;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while an input is read, so that one pass reports all of them. Not thread-safe. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(String field, String message) {
        list.add(new Problem(field, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }

    /** Throws when anything was collected. */
    public void throwIfAny() throws InvalidInputException {
        if (!list.isEmpty()) {
            throw new InvalidInputException(list);
        }
    }
}
