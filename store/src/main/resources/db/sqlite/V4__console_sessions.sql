-- Console sessions: a person's API key exchanged for a token kept in an HttpOnly cookie (SPEC §7).
CREATE TABLE console_sessions (
    tenant_id   TEXT    NOT NULL REFERENCES tenants (tenant_id),
    session_id  TEXT    NOT NULL,
    key_id      TEXT    NOT NULL,
    secret_hash BLOB    NOT NULL,
    csrf_token  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
);

-- A cookie names its session by id alone (the id is part of the token).
CREATE UNIQUE INDEX console_sessions_by_session_id ON console_sessions (session_id);
