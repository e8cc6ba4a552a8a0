package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tables with rows and no planner statistics get them; small tables and analyzed ones are left alone. On PostgreSQL
 * (required when {@code CI=true}).
 */
class PostgresStatisticsTest {
    @Test
    void aTableWithRowsAndNoStatisticsIsAnalyzed_once() throws Exception {
        TestDatabases.PostgresDatabase postgres = TestDatabases.freshPostgres();
        try {
            Database database = postgres.database();
            database.migrate();
            database.sql().withHandle(handle -> handle.execute("""
                    INSERT INTO deliveries (tenant_id, delivery_id, webhook, event_id, event_type, escalation_id,
                        state, attempts, next_attempt_at, give_up_at, created_at, updated_at)
                    SELECT 'acme', 'd' || g, 'all', 'e' || g, 'escalation.created', 'x' || g, 'pending', 0, g, g, g, g
                    FROM generate_series(1, 2000) g"""));
            assertThat(reltuples(database, "deliveries")).as("never analyzed").isNegative();
            PostgresStatistics statistics = new PostgresStatistics(database);

            // The row counts reach the statistics views moments after the commit.
            List<String> analyzed = List.of();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (analyzed.isEmpty() && System.nanoTime() < deadline) {
                analyzed = statistics.analyzeNeverAnalyzed();
                Thread.sleep(100);
            }

            assertThat(analyzed).containsExactly("deliveries");
            assertThat(reltuples(database, "deliveries")).isEqualTo(2000f);
            assertThat(reltuples(database, "escalations"))
                    .as("empty: left alone")
                    .isNegative();
            assertThat(statistics.analyzeNeverAnalyzed()).as("analyzed once").isEmpty();
        } finally {
            TestDatabases.dropPostgres(postgres);
        }
    }

    private static float reltuples(Database database, String table) {
        return database.sql()
                .withHandle(
                        handle -> handle.createQuery("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:table)")
                                .bind("table", table)
                                .mapTo(Float.class)
                                .one());
    }
}
