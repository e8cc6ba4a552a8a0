package dev.switchboard.bench.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.Priority;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.policy.Policies;
import dev.switchboard.store.Database;
import dev.switchboard.store.Stores;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Switchboard embedded: {@link Escalations} over the PostgreSQL store, as the server runs it. A lifecycle is {@code
 * create}, {@code claim} and {@code resolve}: three transactions, each writing the packet (a change bumps its version)
 * and appending its audit event.
 */
final class SwitchboardPeer implements LifecyclePeer {
    static final String NAME = "switchboard";
    /**
     * The commits of one lifecycle: {@code create} inserts the packet and its event in one statement, {@code claim} and
     * {@code resolve} each read the packet, then update it and append in one statement that checks the version read
     * ({@code EscalationStore.insert} and {@code change}).
     */
    static final int COMMITS_PER_LIFECYCLE = 3;

    private static final String TENANT = "bench";
    private static final Actor AGENT = new Actor("refund-bot", Role.AGENT);
    private static final Actor OPERATOR = new Actor("operator-1", Role.OPERATOR);

    private final BenchDatabase target;
    private final Database database;
    private final Escalations escalations;

    SwitchboardPeer(BenchDatabase target) {
        this.target = target;
        this.database = Database.postgres(target.url(), target.user(), null);
        database.migrate();
        Stores stores = new Stores(database);
        Clock clock = Clock.systemUTC();
        Tenants tenants = new Tenants(stores.tenants(), clock);
        Policies policies = new Policies(stores.policies(), clock);
        tenants.createTenant(TENANT, "Bench", Language.EN, ZoneId.of("Asia/Riyadh"), Policies.defaultDocument());
        this.escalations = new Escalations(stores.escalations(), policies, tenants, clock);
    }

    @Override
    public void lifecycle(long n) {
        EscalationContent content = EscalationContent.builder(
                        "Refund above the limit", "order", "o-" + n, EscalationReason.HIGH_VALUE_DEAL)
                .priority(Priority.HIGH)
                .workflow("refunds", "approve")
                .suggestedAction("approve the refund", null)
                .artifact(new Artifact("note", "chat", "customer asks for 1,500 SAR back", null))
                .build();
        Escalation created = escalations.create(TENANT, content, AGENT);
        escalations.claim(TENANT, created.id(), OPERATOR);
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("amount", 1500);
        escalations.resolve(TENANT, created.id(), new Command.Resolve("refund_approved", "ok", data, false), OPERATOR);
    }

    @Override
    public long finished() throws SQLException {
        return target.count("SELECT COUNT(*) FROM escalations WHERE status = 'resolved'");
    }

    @Override
    public void close() {
        escalations.close();
        database.close();
    }
}
