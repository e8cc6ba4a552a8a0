package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.Priority;
import dev.switchboard.handoff.Created;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.handoff.Idempotency;
import dev.switchboard.handoff.IdempotencyKeyReused;
import dev.switchboard.policy.Policies;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's escalations, events and idempotency keys move to rowid tables (V6): a packet created, claimed and stored
 * with an idempotency key before the move reads back the same after it, carries on through its lifecycle, still
 * replays its first answer, and its rows, longer than a WITHOUT ROWID table keeps in place, no longer overflow.
 */
class SqliteEscalationTableMigrationTest {
    private static final List<String> TABLES = List.of("escalations", "events", "idempotency_keys");
    private static final Actor AGENT = new Actor("bot-1", Role.AGENT);
    private static final Actor ALICE = new Actor("alice", Role.OPERATOR);
    private static final String TENANT = "acme";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T09:00:00Z"));

    @TempDir
    Path folder;

    @Test
    void packetsStoredBeforeTheMoveAreKept_andTheirRowsNoLongerOverflow() throws Exception {
        try (Database database = Database.sqlite(folder)) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations("classpath:" + Dialect.SQLITE.migrations())
                    .target("5")
                    .load()
                    .migrate();
            Escalations before = escalations(database, true);
            Created created = before.create(TENANT, content(), AGENT, new Idempotency("key-1", "fingerprint-a"));
            String id = created.escalation().id();
            before.claim(TENANT, id, ALICE);
            try (Connection connection = database.dataSource().getConnection()) {
                for (String table : TABLES) {
                    assertThat(tableSql(connection, table)).containsIgnoringCase("WITHOUT ROWID");
                    assertThat(overflowPages(connection, table)).as(table).isPositive();
                }
            }

            database.migrate();
            // A restart takes time: ids of the new process's generators come after the old one's.
            clock.advance(Duration.ofSeconds(5));

            try (Connection connection = database.dataSource().getConnection()) {
                for (String table : TABLES) {
                    assertThat(tableSql(connection, table)).doesNotContainIgnoringCase("WITHOUT ROWID");
                    assertThat(overflowPages(connection, table)).as(table).isZero();
                }
            }
            Escalations after = escalations(database, false);
            Escalation kept = after.get(TENANT, id);
            assertThat(kept.state().status()).isEqualTo(EscalationStatus.IN_PROGRESS);
            assertThat(kept.state().assignedTo()).isEqualTo("alice");
            assertThat(kept.content()).isEqualTo(created.escalation().content());
            assertThat(after.events(TENANT, id))
                    .extracting(Event::type)
                    .containsExactly(EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED);

            Created replayed = after.create(TENANT, content(), AGENT, new Idempotency("key-1", "fingerprint-a"));
            assertThat(replayed.replayed()).isTrue();
            assertThat(replayed.body()).isEqualTo(created.body());
            assertThatThrownBy(() -> after.create(TENANT, content(), AGENT, new Idempotency("key-1", "other")))
                    .isInstanceOf(IdempotencyKeyReused.class);

            Escalation resolved = after.resolve(
                    TENANT,
                    id,
                    new Command.Resolve("approved", "fine", new ObjectMapper().createObjectNode(), false),
                    ALICE);
            assertThat(resolved.state().status()).isEqualTo(EscalationStatus.RESOLVED);
            assertThat(after.list(TENANT, EscalationQuery.openQueue(50)).items())
                    .isEmpty();
            assertThat(after.events(TENANT, id)).extracting(Event::type).endsWith(EventType.ESCALATION_RESOLVED);
        }
    }

    private Escalations escalations(Database database, boolean newTenant) {
        Stores stores = new Stores(database);
        Policies policies = new Policies(stores.policies(), clock);
        Tenants tenants = new Tenants(stores.tenants(), clock);
        if (newTenant) {
            tenants.createTenant(TENANT, "Acme", Language.EN, ZoneId.of("UTC"), Policies.defaultDocument())
                    .orElseThrow();
        }
        return new Escalations(stores.escalations(), policies, tenants, clock);
    }

    /** A packet whose row (about 2 KB with its note) is longer than a WITHOUT ROWID table keeps in its page. */
    private static EscalationContent content() {
        return EscalationContent.builder("Quote needs approval", "deal", "D-1", EscalationReason.HIGH_VALUE_DEAL)
                .titleAr("عرض السعر يحتاج موافقة")
                .workflow("quote_approval", "validate")
                .priority(Priority.HIGH)
                .targetRole("manager")
                .artifact(new Artifact("text", "note", "the customer asked twice for a discount. ".repeat(40), null))
                .build();
    }

    private static long overflowPages(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM dbstat WHERE name = '" + table + "' AND pagetype = 'overflow'")) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static String tableSql(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
