package dev.switchboard.escalation;

/** An open packet with the same de-duplication key (entity and top rule) exists already. */
public final class DuplicateOpenEscalation extends RuntimeException {
    public DuplicateOpenEscalation(String dedupKey) {
        super("an open escalation exists for " + dedupKey, null, false, false);
    }
}
