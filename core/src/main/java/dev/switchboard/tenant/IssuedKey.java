package dev.switchboard.tenant;

/** A key just created, with its secret token: shown to the caller once and never again. */
public record IssuedKey(ApiKey key, String token) {}
