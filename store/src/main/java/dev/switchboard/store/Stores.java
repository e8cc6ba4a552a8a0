package dev.switchboard.store;

import dev.switchboard.decisionlog.DecisionLogStore;
import dev.switchboard.escalation.EscalationStore;
import dev.switchboard.event.EventLog;
import dev.switchboard.policy.PolicyStore;
import dev.switchboard.session.SessionStore;
import dev.switchboard.tenant.TenantStore;
import dev.switchboard.webhook.WebhookStore;

/** The core's store interfaces, implemented on one {@link Database}. Thread-safe. */
public final class Stores {
    private final TenantStore tenants;
    private final PolicyStore policies;
    private final SessionStore sessions;
    private final DecisionLogStore decisions;
    private final EscalationStore escalations;
    private final WebhookStore webhooks;
    private final EventLog events;

    public Stores(Database database) {
        this.tenants = new SqlTenantStore(database.sql());
        this.policies = new SqlPolicyStore(database.sql(), database.dialect());
        this.sessions = new SqlSessionStore(database.sql(), database.dataSource(), database.sessionCache());
        this.decisions = new SqlDecisionLogStore(database.sql(), database.sessionCache());
        this.escalations = new SqlEscalationStore(
                database.sql(), database.dialect(), database.dataSource(), database.sessionCache());
        this.webhooks = new SqlWebhookStore(database.sql(), database.dialect());
        this.events = new SqlEventLog(database.sql());
    }

    public TenantStore tenants() {
        return tenants;
    }

    public PolicyStore policies() {
        return policies;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public DecisionLogStore decisions() {
        return decisions;
    }

    public EscalationStore escalations() {
        return escalations;
    }

    public WebhookStore webhooks() {
        return webhooks;
    }

    public EventLog events() {
        return events;
    }
}
