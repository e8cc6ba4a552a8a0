package dev.switchboard.escalation;

import dev.switchboard.tenant.Role;

/** Who makes a change: a key's name and role, or the system (role null), e.g. the SLA sweeper. */
public record Actor(String name, Role role) {
    public static final Actor SYSTEM = new Actor("system", null);

    public boolean is(Role required) {
        return role != null && role.grants(required);
    }
}
