package dev.switchboard.escalation;

/**
 * A change the lifecycle does not allow in the packet's current state — {@code already_resolved},
 * {@code already_assigned}, {@code cancelled}, {@code expired}, {@code not_assigned}, {@code not_resolved},
 * {@code already_consumed}, {@code no_handler} — with the packet as it is. Mapped to {@code 409} in one place.
 */
public final class LifecycleConflict extends RuntimeException {
    private final String code;
    private final transient Escalation current;

    public LifecycleConflict(String code, String message, Escalation current) {
        super(message, null, false, false);
        this.code = code;
        this.current = current;
    }

    public String code() {
        return code;
    }

    public Escalation current() {
        return current;
    }
}
