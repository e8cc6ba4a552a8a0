package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.EscalationStore;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.Lifecycle;
import dev.switchboard.escalation.Priority;
import dev.switchboard.ids.UuidV7;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The escalation contract on PostgreSQL, in a database created for this run (required when {@code CI=true}). */
class PostgresEscalationContractTest extends EscalationContractTest {
    private TestDatabases.PostgresDatabase postgres;
    private Stores stores;

    @BeforeAll
    void open() {
        postgres = TestDatabases.freshPostgres();
        stores = new Stores(postgres.database());
    }

    @AfterAll
    void close() {
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }

    @Override
    protected Stores stores() {
        return stores;
    }

    /*
     * PostgreSQL writes a change only if the packet still has the version it was decided on (SQLite decides inside
     * its write transaction, so nothing can come between): here another change commits while the first is decided.
     */
    @Test
    void aChangeDecidedOnAPacketThatChangedMeanwhile_isDecidedAgainOnTheCurrentOne() {
        String tenant = newTenant();
        String id = create(tenant, Priority.HIGH).id();
        List<Integer> decidedOn = new ArrayList<>();

        EscalationStore.Changed changed = stores.escalations().change(tenant, id, null, current -> {
            decidedOn.add(current.version());
            if (decidedOn.size() == 1) {
                escalations().claim(tenant, id, BOB); // another node, between this read and this write
            }
            // A millisecond later than the claim, so that the trail, ordered by event id, has the cancellation last.
            clock.advance(Duration.ofMillis(1));
            Instant now = clock.instant();
            Lifecycle.Step step = Lifecycle.apply(current, new Command.Cancel("duplicate"), SUPER, now);
            Event cancelled = new Event(
                    new UuidV7(clock).nextString(),
                    tenant,
                    id,
                    step.event(),
                    now,
                    SUPER.name(),
                    JsonNodeFactory.instance.objectNode());
            return new EscalationStore.Change(step.next(), List.of(cancelled), null);
        });

        assertThat(decidedOn).containsExactly(1, 2);
        assertThat(changed.escalation().version()).isEqualTo(3);
        assertThat(changed.written()).extracting(Event::type).containsExactly(EventType.ESCALATION_CANCELLED);
        Escalation stored = escalations().get(tenant, id);
        assertThat(stored.status()).isEqualTo(EscalationStatus.CANCELLED);
        assertThat(stored.state().assignedTo()).isEqualTo(BOB.name());
        assertThat(trail(tenant, id))
                .containsExactly(
                        EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED, EventType.ESCALATION_CANCELLED);
    }
}
