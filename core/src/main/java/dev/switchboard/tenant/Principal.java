package dev.switchboard.tenant;

/** The authenticated caller of a request: which tenant, which key, under which name and role. Immutable. */
public record Principal(String tenantId, String keyId, String name, Role role) {}
