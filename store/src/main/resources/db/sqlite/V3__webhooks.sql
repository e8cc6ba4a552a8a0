-- Webhook subscriptions. events and workflows are JSON arrays as given; webhook_events and webhook_workflows hold
-- the same sets as rows, which is what the outbox joins on when it fans an event out.
CREATE TABLE webhooks (
    tenant_id  TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    url        TEXT   NOT NULL,
    events     TEXT   NOT NULL,
    workflows  TEXT   NOT NULL,
    secret     TEXT   NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE webhook_events (
    tenant_id  TEXT NOT NULL,
    event_type TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, event_type, name)
);

CREATE TABLE webhook_workflows (
    tenant_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    workflow  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, name, workflow)
);

-- The outbox: one row per event and subscription, written in the transaction of the change that made the event.
-- seq orders the rows of one packet (writes are serialized, and each numbers its rows past the largest); a row is
-- claimed by moving next_attempt_at past a lease and counting the attempt, so a node that dies mid-delivery leaves it
-- to another.
CREATE TABLE deliveries (
    tenant_id       TEXT    NOT NULL,
    delivery_id     TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    webhook         TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    event_type      TEXT    NOT NULL,
    escalation_id   TEXT,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    next_attempt_at INTEGER NOT NULL,
    give_up_at      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_in_order ON deliveries (tenant_id, webhook, escalation_id, seq) WHERE state = 'pending';
CREATE INDEX deliveries_by_webhook ON deliveries (tenant_id, webhook, seq);
CREATE INDEX deliveries_by_seq ON deliveries (seq);
