package dev.switchboard.http;

import dev.switchboard.tenant.Role;
import io.javalin.security.RouteRole;

/**
 * Who may call a route: anyone, the instance administrator (admin token), anyone presenting a key in the body (the
 * console's sign-in, which checks the key itself), or a tenant key (or console session) of a role.
 */
public enum Access implements RouteRole {
    PUBLIC(null),
    INSTANCE_ADMIN(null),
    SIGN_IN(null),
    AGENT(Role.AGENT),
    OPERATOR(Role.OPERATOR),
    SUPERVISOR(Role.SUPERVISOR),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The tenant role this access needs, or null for public and admin-token routes. */
    public Role role() {
        return role;
    }
}
