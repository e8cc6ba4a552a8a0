package dev.switchboard.tenant;

/**
 * What an API key may do (SPEC §1). {@code agent} stands apart (route, create and cancel escalations, wait, resume);
 * the others nest: a supervisor can do what an operator can, an admin what a supervisor can.
 */
public enum Role {
    AGENT,
    OPERATOR,
    SUPERVISOR,
    ADMIN;

    /** Whether a key of this role may do what {@code required} may. */
    public boolean grants(Role required) {
        if (this == AGENT || required == AGENT) {
            return this == required;
        }
        return ordinal() >= required.ordinal();
    }
}
