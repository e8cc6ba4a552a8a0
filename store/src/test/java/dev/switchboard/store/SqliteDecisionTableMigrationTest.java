package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.decisionlog.DecisionQuery;
import dev.switchboard.decisionlog.DecisionRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's decision log moves to a rowid table (V5): decisions written before keep every column, the newest-first
 * query and the duplicate-id rule still hold, and a long decision stays in its row's page instead of an overflow page.
 */
class SqliteDecisionTableMigrationTest {
    private static final String LONG_TEXT = "退款".repeat(600);

    @TempDir
    Path folder;

    @Test
    void decisionsWrittenBeforeTheMoveAreKept_andLongOnesNoLongerOverflow() throws SQLException {
        try (Database database = Database.sqlite(folder)) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:" + Dialect.SQLITE.migrations())
                    .target("4")
                    .load()
                    .migrate();
            try (Connection connection = database.dataSource().getConnection()) {
                insertV4(connection, "01900000-0000-7000-8000-000000000001", "short");
                insertV4(connection, "01900000-0000-7000-8000-000000000002", LONG_TEXT);
                assertThat(tableSql(connection)).containsIgnoringCase("WITHOUT ROWID");
                assertThat(overflowPages(connection)).isPositive();
            }

            database.migrate();

            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(tableSql(connection)).doesNotContainIgnoringCase("WITHOUT ROWID");
                assertThat(overflowPages(connection)).isZero();
            }
            Stores stores = new Stores(database);
            List<DecisionRecord> kept =
                    stores.decisions().query(new DecisionQuery("acme", null, null, null, null, null, null, null, 10));
            assertThat(kept)
                    .extracting(DecisionRecord::decisionId)
                    .containsExactly("01900000-0000-7000-8000-000000000002", "01900000-0000-7000-8000-000000000001");
            assertThat(kept.get(0).messageText()).isEqualTo(LONG_TEXT);
            assertThat(kept.get(1).matches()).hasSize(1);
            assertThat(kept.get(1).matches().get(0).keyword()).isEqualTo("refund*");

            // The same id again is ignored, as before the move.
            DecisionRecord again = kept.get(1);
            stores.decisions().append(List.of(again));
            assertThat(stores.decisions()
                            .query(new DecisionQuery("acme", null, null, null, null, null, null, null, 10)))
                    .hasSize(2);
        }
    }

    private static void insertV4(Connection connection, String decisionId, String text) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO decisions VALUES ('acme', ?, 1700000000000, 's-1', 'micro_flow', 'high_risk_keyword',"
                        + " 'high_risk_refund', 'refund',"
                        + " '[{\"scenario\":\"refund\",\"keyword\":\"refund*\",\"start\":0,\"end\":6}]', 1, 'zh',"
                        + " 'aa', ?)")) {
            insert.setString(1, decisionId);
            insert.setString(2, text);
            insert.executeUpdate();
        }
    }

    private static long overflowPages(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM dbstat WHERE name = 'decisions' AND pagetype = 'overflow'")) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static String tableSql(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'decisions'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
