package dev.switchboard.store;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives PostgreSQL's planner statistics for Switchboard's tables that have rows but were never analyzed. Without
 * them every estimate is a default, costs tie, and the planner may pick an index that turns a claim of the outbox
 * into a scan of a subscription's whole history (seconds per claim with thousands pending) or look a packet up
 * through the wrong {@code tenant_id} index. Autovacuum analyzes new tables within about a minute; where it is off,
 * nothing else ever would. Tables analyzed once keep usable statistics as they grow (the planner scales row counts by
 * the table's current size). Several nodes may run this at once; an extra ANALYZE is harmless.
 */
public final class PostgresStatistics {
    /** Fewer rows than this plan well enough on defaults. */
    static final long MIN_ROWS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStatistics.class);

    private final SqlAccess db;

    public PostgresStatistics(Database database) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("planner statistics are PostgreSQL's");
        }
        this.db = database.sql();
    }

    /** Analyzes this schema's tables with rows and no statistics yet; returns their names. */
    public List<String> analyzeNeverAnalyzed() {
        return db.withHandle(handle -> {
            List<String> tables = handle.createQuery("""
                            SELECT c.relname FROM pg_class c
                            JOIN pg_namespace n ON n.oid = c.relnamespace
                            JOIN pg_stat_user_tables s ON s.relid = c.oid
                            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0
                              AND s.n_live_tup >= :min
                            ORDER BY c.relname""")
                    .bind("min", MIN_ROWS)
                    .mapTo(String.class)
                    .list();
            for (String table : tables) {
                // The name comes from the catalog; quote it all the same.
                handle.execute("ANALYZE \"" + table.replace("\"", "\"\"") + "\"");
                LOG.info("analyzed {}: it had rows but no planner statistics", table);
            }
            return tables;
        });
    }
}
