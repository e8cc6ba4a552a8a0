package dev.switchboard.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every peer of the lifecycle benchmark really does the work it is timed for: its lifecycles end finished in its
 * PostgreSQL database. Skipped when PostgreSQL is unreachable, except under {@code CI=true}, where that fails.
 */
class LifecyclePeersTest {
    private static final int LIFECYCLES = 5;

    @ParameterizedTest
    @ValueSource(strings = {SwitchboardPeer.NAME, FlowablePeer.NAME, CamundaPeer.NAME})
    void lifecyclesEndFinishedInTheDatabase(String name) throws Exception {
        BenchDatabase database = fresh();
        try {
            try (LifecyclePeer peer = LifecycleBench.open(name, database)) {
                for (long n = 1; n <= LIFECYCLES; n++) {
                    peer.lifecycle(n);
                }
                assertThat(peer.finished()).isEqualTo(LIFECYCLES);
            }
        } finally {
            drop(database);
        }
    }

    private static BenchDatabase fresh() {
        String name =
                "sb_test_lc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            return BenchDatabase.fresh(name.toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required in CI but unreachable", e);
            }
            Assumptions.abort("PostgreSQL unreachable: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    private static void drop(BenchDatabase database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(BenchDatabase.ADMIN_URL, BenchDatabase.USER, null);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        }
    }
}
