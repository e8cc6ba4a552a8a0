package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.escalation.EscalationStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue statistics read indexes alone (SQLite V7, PostgreSQL V5): every statement's plan names a covering index and
 * no table; and the rules matched by packets stored before the upgrade take their packet's creation time, so they are
 * counted in the same scopes as before. Both stores (PostgreSQL required when {@code CI=true}).
 */
class StatisticsIndexesTest {
    private static final String TENANT = "acme";
    private static final Instant FIRST = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-10T09:00:00Z");
    private static final List<String> STATEMENTS = List.of(
            SqlEscalationStats.GROUPED,
            SqlEscalationStats.BY_RULE,
            SqlEscalationStats.BUCKETS,
            SqlEscalationStats.PERCENTILE);

    @TempDir
    Path folder;

    @Test
    void sqlite_everyStatisticsStatementReadsACoveringIndex() {
        try (Database database = TestDatabases.sqlite(folder)) {
            for (String statement : STATEMENTS) {
                List<String> plan = database.sql()
                        .withHandle(handle -> bind(handle.createQuery("EXPLAIN QUERY PLAN " + statement), statement)
                                .map((rs, ctx) -> rs.getString("detail"))
                                .list());
                assertThat(plan)
                        .as(statement)
                        .anyMatch(step -> step.contains("USING COVERING INDEX " + indexFor(statement)))
                        .noneMatch(step -> step.startsWith("SCAN") || step.contains("USING INDEX"));
            }
        }
    }

    @Test
    void postgres_theGroupedStatementsAreIndexOnlyScans() {
        TestDatabases.PostgresDatabase postgres = TestDatabases.freshPostgres();
        try {
            Database database = postgres.database();
            insertPacket(database, "p-1", FIRST);
            insertRule(database, "p-1", "rule_a");
            database.sql().withHandle(handle -> handle.execute("VACUUM ANALYZE escalations"));
            database.sql().withHandle(handle -> handle.execute("VACUUM ANALYZE escalation_rules"));
            for (String statement : List.of(SqlEscalationStats.GROUPED, SqlEscalationStats.BY_RULE)) {
                String plan = database.sql().withHandle(handle -> {
                    // A table this small is read whole whatever its indexes; without that choice, the planner shows
                    // which index answers the statement, and whether the index alone does.
                    handle.execute("SET enable_seqscan = off");
                    handle.execute("SET enable_bitmapscan = off");
                    return String.join(
                            "\n",
                            bind(handle.createQuery("EXPLAIN " + statement), statement)
                                    .mapTo(String.class)
                                    .list());
                });
                assertThat(plan).as(statement).contains("Index Only Scan using " + indexFor(statement));
            }
        } finally {
            TestDatabases.dropPostgres(postgres);
        }
    }

    @Test
    void sqlite_rulesStoredBeforeTheUpgradeTakeTheirPacketsCreationTime() {
        try (Database database = Database.sqlite(folder)) {
            rulesStoredBeforeTheUpgradeTakeTheirPacketsCreationTime(database, "6");
        }
    }

    @Test
    void postgres_rulesStoredBeforeTheUpgradeTakeTheirPacketsCreationTime() {
        TestDatabases.PostgresDatabase postgres = TestDatabases.emptyPostgres();
        try {
            rulesStoredBeforeTheUpgradeTakeTheirPacketsCreationTime(postgres.database(), "4");
        } finally {
            TestDatabases.dropPostgres(postgres);
        }
    }

    private static void rulesStoredBeforeTheUpgradeTakeTheirPacketsCreationTime(Database database, String before) {
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:" + database.dialect().migrations())
                .target(before)
                .load()
                .migrate();
        insertPacket(database, "p-1", FIRST);
        insertPacket(database, "p-2", SECOND);
        database.sql().withHandle(handle -> {
            for (List<String> rule : List.of(
                    List.of("p-1", "rule_a"),
                    List.of("p-1", "rule_b"),
                    List.of("p-2", "rule_a"),
                    List.of("p-gone", "rule_c"))) {
                handle.createUpdate("INSERT INTO escalation_rules (tenant_id, escalation_id, rule_id)"
                                + " VALUES (:tenant, :id, :rule)")
                        .bind("tenant", TENANT)
                        .bind("id", rule.get(0))
                        .bind("rule", rule.get(1))
                        .execute();
            }
            return null;
        });

        database.migrate();

        List<String> rows = database.sql()
                .withHandle(handle -> handle.createQuery("SELECT escalation_id, rule_id, created_at FROM"
                                + " escalation_rules ORDER BY escalation_id, rule_id")
                        .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3))
                        .list());
        assertThat(rows)
                .containsExactly(
                        "p-1 rule_a " + FIRST.toEpochMilli(),
                        "p-1 rule_b " + FIRST.toEpochMilli(),
                        "p-2 rule_a " + SECOND.toEpochMilli());
        Stores stores = new Stores(database);
        EscalationStats all = stores.escalations().stats(TENANT, FIRST, SECOND.plusSeconds(60));
        assertThat(all.byRule()).containsExactlyInAnyOrderEntriesOf(Map.of("rule_a", 2L, "rule_b", 1L));
        EscalationStats later = stores.escalations().stats(TENANT, SECOND, SECOND.plusSeconds(60));
        assertThat(later.byRule()).containsExactlyEntriesOf(Map.of("rule_a", 1L));
    }

    /** The index meant to answer a statistics statement alone. */
    private static String indexFor(String statement) {
        return statement.contains("escalation_rules") ? "escalation_rules_by_created" : "escalations_for_stats";
    }

    /** The statement's parameters, any values: a plan depends on the statement alone. */
    private static Query bind(Query query, String statement) {
        Map<String, Long> values = Map.of(
                "since", FIRST.toEpochMilli(),
                "now", SECOND.toEpochMilli(),
                "lowest", 0L,
                "highest", 60_000L,
                "offset", 0L);
        query.bind("tenant", TENANT);
        values.forEach((name, value) -> {
            if (statement.contains(":" + name)) {
                query.bind(name, value);
            }
        });
        return query;
    }

    /** A pending packet, as the schema of every version since V2 takes it. */
    private static void insertPacket(Database database, String id, Instant created) {
        database.sql()
                .withHandle(handle -> handle.createUpdate("""
                        INSERT INTO escalations (tenant_id, escalation_id, status, priority, priority_rank, reason,
                            title, entity_type, entity_id, details, resume_token, due_at, created_at, created_by,
                            updated_at, resume_state, resume_attempts, version)
                        VALUES (:tenant, :id, 'pending', 'high', 1, 'high_value_deal', 'Quote needs approval', 'deal',
                            :id, '{}', :token, :due, :created, 'bot-1', :created, 'none', 0, 1)""")
                        .bind("tenant", TENANT)
                        .bind("id", id)
                        .bind("token", "token-" + id)
                        .bind("due", created.plusSeconds(3600).toEpochMilli())
                        .bind("created", created.toEpochMilli())
                        .execute());
    }

    private static void insertRule(Database database, String id, String rule) {
        database.sql()
                .withHandle(handle -> handle.createUpdate("INSERT INTO escalation_rules (tenant_id,"
                                + " escalation_id, rule_id, created_at) VALUES (:tenant, :id, :rule, :created)")
                        .bind("tenant", TENANT)
                        .bind("id", id)
                        .bind("rule", rule)
                        .bind("created", FIRST.toEpochMilli())
                        .execute());
    }
}
