-- Escalations, their events and the idempotency keys' stored answers move from WITHOUT ROWID tables to ordinary
-- (rowid) ones with a unique index on their key, as the decision log did in V5. A WITHOUT ROWID table keeps at most
-- about a quarter of a page (1,002 bytes of 4,096) of a row in place, and these rows are longer: a packet with its
-- details is 1–2 KB, its creation event (which carries the packet) about 2 KB, a stored answer the same. Each such
-- row spilled into an overflow page of its own, mostly empty, and every claim or resolve, which rewrites the
-- packet's row, rewrote that overflow page too. A rowid table keeps rows of up to a page in place.
-- No table refers to these by a foreign key; dropping a table drops its indexes, which are made again below.

CREATE TABLE escalations_by_rowid (
    tenant_id       TEXT    NOT NULL,
    escalation_id   TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    priority        TEXT    NOT NULL,
    priority_rank   INTEGER NOT NULL,
    reason          TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    entity_type     TEXT    NOT NULL,
    entity_id       TEXT    NOT NULL,
    workflow_name   TEXT,
    target_role     TEXT,
    session_id      TEXT,
    assigned_to     TEXT,
    confidence      REAL,
    details         TEXT    NOT NULL,
    resume_token    TEXT    NOT NULL,
    dedup_key       TEXT,
    due_at          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    resolved_at     INTEGER,
    breached_at     INTEGER,
    resolution      TEXT,
    cancel_reason   TEXT,
    resume_state    TEXT    NOT NULL,
    resume_attempts INTEGER NOT NULL,
    resume_error    TEXT,
    resume_at       INTEGER,
    version         INTEGER NOT NULL
);

INSERT INTO escalations_by_rowid (
    tenant_id, escalation_id, status, priority, priority_rank, reason, title, entity_type, entity_id,
    workflow_name, target_role, session_id, assigned_to, confidence, details, resume_token, dedup_key, due_at,
    created_at, created_by, updated_at, resolved_at, breached_at, resolution, cancel_reason, resume_state,
    resume_attempts, resume_error, resume_at, version)
SELECT
    tenant_id, escalation_id, status, priority, priority_rank, reason, title, entity_type, entity_id,
    workflow_name, target_role, session_id, assigned_to, confidence, details, resume_token, dedup_key, due_at,
    created_at, created_by, updated_at, resolved_at, breached_at, resolution, cancel_reason, resume_state,
    resume_attempts, resume_error, resume_at, version
FROM escalations
ORDER BY tenant_id, escalation_id;

DROP TABLE escalations;

ALTER TABLE escalations_by_rowid RENAME TO escalations;

CREATE UNIQUE INDEX escalations_by_id ON escalations (tenant_id, escalation_id);
-- The open queue in queue order: its first page is an index range scan however many packets are open.
CREATE INDEX escalations_open_queue ON escalations (tenant_id, priority_rank, created_at, escalation_id)
    WHERE status IN ('pending', 'in_progress');
-- An operator's own open packets, and a role's queue, in queue order.
CREATE INDEX escalations_open_by_assignee ON escalations (tenant_id, assigned_to, priority_rank, created_at, escalation_id)
    WHERE status IN ('pending', 'in_progress') AND assigned_to IS NOT NULL;
CREATE INDEX escalations_open_by_role ON escalations (tenant_id, target_role, priority_rank, created_at, escalation_id)
    WHERE status IN ('pending', 'in_progress');
-- Any status, in queue order.
CREATE INDEX escalations_by_status ON escalations (tenant_id, status, priority_rank, created_at, escalation_id);
-- The SLA sweeper, across tenants.
CREATE INDEX escalations_overdue ON escalations (due_at) WHERE status IN ('pending', 'in_progress');
CREATE INDEX escalations_by_entity ON escalations (tenant_id, entity_type, entity_id);
CREATE INDEX escalations_by_created ON escalations (tenant_id, created_at);
CREATE UNIQUE INDEX escalations_by_resume_token ON escalations (tenant_id, resume_token);
-- One open auto-escalation per entity and top rule.
CREATE UNIQUE INDEX escalations_open_dedup ON escalations (tenant_id, dedup_key)
    WHERE dedup_key IS NOT NULL AND status IN ('pending', 'in_progress');
-- Push resumes under way, for redelivery when their node stopped.
CREATE INDEX escalations_resume_pending ON escalations (resume_at) WHERE resume_state = 'pending';

CREATE TABLE events_by_rowid (
    tenant_id       TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    escalation_id   TEXT,
    type            TEXT    NOT NULL,
    occurred_at     INTEGER NOT NULL,
    actor           TEXT    NOT NULL,
    data            TEXT    NOT NULL
);

INSERT INTO events_by_rowid (tenant_id, event_id, escalation_id, type, occurred_at, actor, data)
SELECT tenant_id, event_id, escalation_id, type, occurred_at, actor, data
FROM events
ORDER BY tenant_id, event_id;

DROP TABLE events;

ALTER TABLE events_by_rowid RENAME TO events;

CREATE UNIQUE INDEX events_by_id ON events (tenant_id, event_id);
CREATE INDEX events_by_escalation ON events (tenant_id, escalation_id, event_id);

CREATE TABLE idempotency_keys_by_rowid (
    tenant_id       TEXT    NOT NULL,
    idem_key        TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL,
    escalation_id   TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);

INSERT INTO idempotency_keys_by_rowid (tenant_id, idem_key, fingerprint, escalation_id, body, created_at)
SELECT tenant_id, idem_key, fingerprint, escalation_id, body, created_at
FROM idempotency_keys
ORDER BY tenant_id, idem_key;

DROP TABLE idempotency_keys;

ALTER TABLE idempotency_keys_by_rowid RENAME TO idempotency_keys;

CREATE UNIQUE INDEX idempotency_keys_by_key ON idempotency_keys (tenant_id, idem_key);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
