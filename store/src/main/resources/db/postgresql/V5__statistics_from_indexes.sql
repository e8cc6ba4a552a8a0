-- Queue statistics (SPEC §3.6) read a tenant's packets created since a time: their priority, status, reason, role,
-- due and resolution times, and the auto-escalation rules they matched.

-- With an index on (tenant_id, created_at) alone, statistics over all time read the whole table, each row a packet
-- with its details. This index carries the columns the statistics read (a fifth of the table's bytes), so they are
-- index-only scans of the pages the visibility map marks all-visible, which autovacuum keeps up. Status comes before
-- the creation time: the resolution times read the resolved packets' range only, and the counts of all statuses
-- read one range per status.
DROP INDEX escalations_by_created;
CREATE INDEX escalations_for_stats ON escalations (tenant_id, status, created_at)
    INCLUDE (priority, reason, target_role, due_at, resolved_at);

-- The count per rule joined every packet in scope to its rules, to learn when it was created. Each rule row now
-- carries its packet's creation time (which never changes), and the count is a range of one index. A rule row
-- without its packet (none is written so) was never counted and is dropped.
DELETE FROM escalation_rules r
WHERE NOT EXISTS (SELECT 1 FROM escalations e WHERE e.tenant_id = r.tenant_id AND e.escalation_id = r.escalation_id);
ALTER TABLE escalation_rules ADD COLUMN created_at BIGINT;
UPDATE escalation_rules r SET created_at = e.created_at
FROM escalations e
WHERE e.tenant_id = r.tenant_id AND e.escalation_id = r.escalation_id;
ALTER TABLE escalation_rules ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX escalation_rules_by_created ON escalation_rules (tenant_id, created_at, rule_id);
