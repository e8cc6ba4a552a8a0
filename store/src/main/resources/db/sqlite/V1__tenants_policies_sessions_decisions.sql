-- Timestamps are Unix epoch milliseconds; every primary key starts with tenant_id.
CREATE TABLE tenants (
    tenant_id      TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    default_locale TEXT    NOT NULL,
    timezone       TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE api_keys (
    tenant_id   TEXT    NOT NULL REFERENCES tenants (tenant_id),
    key_id      TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    secret_hash BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER,
    PRIMARY KEY (tenant_id, key_id)
) WITHOUT ROWID;

-- Authentication finds a key by its id alone (the id is part of the token).
CREATE UNIQUE INDEX api_keys_by_key_id ON api_keys (key_id);

CREATE TABLE policies (
    tenant_id  TEXT    NOT NULL REFERENCES tenants (tenant_id),
    version    INTEGER NOT NULL,
    document   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, version)
) WITHOUT ROWID;

CREATE TABLE sessions (
    tenant_id     TEXT    NOT NULL,
    session_id    TEXT    NOT NULL,
    mode          TEXT    NOT NULL,
    escalation_id TEXT,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
) WITHOUT ROWID;

-- decision_id is a UUIDv7, so the primary key orders each tenant's decisions by time.
CREATE TABLE decisions (
    tenant_id      TEXT    NOT NULL,
    decision_id    TEXT    NOT NULL,
    decided_at     INTEGER NOT NULL,
    session_id     TEXT,
    mode           TEXT    NOT NULL,
    decided_by     TEXT    NOT NULL,
    reason_code    TEXT,
    risk_scenario  TEXT,
    matches        TEXT    NOT NULL,
    policy_version INTEGER NOT NULL,
    locale         TEXT    NOT NULL,
    message_hash   TEXT    NOT NULL,
    message_text   TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, decision_id)
) WITHOUT ROWID;
