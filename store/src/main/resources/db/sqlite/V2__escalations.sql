-- Escalation packets. Fields the queue filters, sorts or counts by are columns; the rest of the fixed content is
-- one JSON document (details). priority_rank orders the queue: 0 critical … 3 low.
CREATE TABLE escalations (
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
    version         INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, escalation_id)
) WITHOUT ROWID;

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

-- Every auto-escalation rule a packet matched (stats by_rule).
CREATE TABLE escalation_rules (
    tenant_id       TEXT    NOT NULL,
    escalation_id   TEXT    NOT NULL,
    rule_id         TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, escalation_id, rule_id)
) WITHOUT ROWID;

-- The audit trail: append-only. event_id is a UUIDv7, so it orders a packet's events by time.
CREATE TABLE events (
    tenant_id       TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    escalation_id   TEXT,
    type            TEXT    NOT NULL,
    occurred_at     INTEGER NOT NULL,
    actor           TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
) WITHOUT ROWID;
CREATE INDEX events_by_escalation ON events (tenant_id, escalation_id, event_id);

-- The first answer to a create with an Idempotency-Key, replayed to its retries for a day.
CREATE TABLE idempotency_keys (
    tenant_id       TEXT    NOT NULL,
    idem_key        TEXT    NOT NULL,
    fingerprint     TEXT    NOT NULL,
    escalation_id   TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
