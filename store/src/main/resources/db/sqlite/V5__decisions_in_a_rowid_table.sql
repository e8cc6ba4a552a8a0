-- The decision log moves from a WITHOUT ROWID table to an ordinary (rowid) one with a unique index on its key.
-- A WITHOUT ROWID table is a B-tree of whole rows, and such a tree keeps at most about a quarter of a page (1,002
-- bytes of 4,096) of a row in place: a longer decision (a Chinese message's 200 characters with several matches
-- is one) spilled its tail into an overflow page of its own, most of it empty. With one long decision in ten,
-- overflow pages were more than half of the log's bytes, and every byte is written twice (write-ahead log, then
-- the database file). A rowid table keeps rows of up to a page in place, and its inner pages hold row ids only.
CREATE TABLE decisions_by_rowid (
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
    message_text   TEXT    NOT NULL
);

INSERT INTO decisions_by_rowid (tenant_id, decision_id, decided_at, session_id, mode, decided_by, reason_code,
                                risk_scenario, matches, policy_version, locale, message_hash, message_text)
SELECT tenant_id, decision_id, decided_at, session_id, mode, decided_by, reason_code,
       risk_scenario, matches, policy_version, locale, message_hash, message_text
FROM decisions
ORDER BY tenant_id, decision_id;

DROP TABLE decisions;

ALTER TABLE decisions_by_rowid RENAME TO decisions;

-- decision_id is a UUIDv7, so this index orders each tenant's decisions by time (and keeps ids unique).
CREATE UNIQUE INDEX decisions_by_id ON decisions (tenant_id, decision_id);
