package dev.switchboard.session;

import dev.switchboard.decisionlog.DecisionLog;
import dev.switchboard.decisionlog.DecisionRecord;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.ids.Secrets;
import dev.switchboard.ids.UuidV7;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.Policies;
import dev.switchboard.policy.TransferSettings;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.SessionMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Routes a tenant's message within its conversation (SPEC §2.4): the session's stored mode applies unless the request
 * overrides it; a {@code transfer} on a bot-owned session hands it to a human in one atomic step that also opens its
 * escalation (unless the policy says {@code transfer.create_escalation: false}), so concurrent routes of one session
 * open one escalation; every decision goes to the decision log, which also stores a session first seen. Thread-safe.
 */
public final class SessionRouter {
    /** Characters of a message the decision log keeps unless the policy opts in to full text. */
    public static final int LOGGED_TEXT_LENGTH = 200;

    private final Policies policies;
    private final SessionStore sessions;
    private final Escalations escalations;
    private final DecisionLog log;
    private final Clock clock;
    private final UuidV7 ids;

    public SessionRouter(
            Policies policies, SessionStore sessions, Escalations escalations, DecisionLog log, Clock clock) {
        this.policies = policies;
        this.sessions = sessions;
        this.escalations = escalations;
        this.log = log;
        this.clock = clock;
        this.ids = new UuidV7(clock);
    }

    /**
     * A decision with what happened around it. {@code handedOff}: this call made the session human-owned;
     * {@code escalationId}: the escalation that owns the session (opened by this call or before), else null.
     */
    public record Routed(
            Decision decision,
            String decisionId,
            String sessionId,
            SessionMode sessionMode,
            boolean handedOff,
            String escalationId) {}

    public Routed route(String tenantId, RouteRequest request) {
        Instant now = clock.instant();
        String sessionId = request.sessionId();
        RouteRequest effective = request;
        Session stored = null;
        if (sessionId != null && !request.sessionModeGiven()) {
            // A session not stored yet is bot-owned; it is stored with this decision, by the decision log's next
            // batch, rather than by a durable commit of its own on the routing path.
            stored = sessions.find(tenantId, sessionId).orElse(null);
            effective = request.withSession(sessionId, stored == null ? SessionMode.BOT_ACTIVE : stored.mode());
        }
        CompiledPolicy policy = policies.current(tenantId);
        Decision decision = policy.route(effective);
        SessionMode mode = effective.effectiveSessionMode();
        String decisionId = ids.nextString();
        boolean handedOff = false;
        String escalationId = stored == null ? null : stored.escalationId();
        if (sessionId != null && decision.mode() == Mode.TRANSFER && mode == SessionMode.BOT_ACTIVE) {
            TransferSettings transfer = policy.policy().transfer();
            if (transfer.createEscalation()) {
                Optional<Escalation> opened = escalations.openForSession(
                        tenantId, sessionId, decisionId, decision, request.message(), transfer.priority());
                handedOff = opened.isPresent();
                escalationId = opened.map(Escalation::id)
                        .orElseGet(() -> sessions.find(tenantId, sessionId)
                                .map(Session::escalationId)
                                .orElse(null));
            } else {
                handedOff = sessions.handOff(tenantId, sessionId, now);
            }
            mode = SessionMode.HUMAN_ACTIVE;
        }
        log.offer(record(
                tenantId,
                decisionId,
                now,
                request,
                decision,
                policy.policy().decisionLog().fullText()));
        return new Routed(decision, decisionId, sessionId, sessionId == null ? null : mode, handedOff, escalationId);
    }

    private static DecisionRecord record(
            String tenantId, String decisionId, Instant at, RouteRequest request, Decision decision, boolean fullText) {
        String message = request.message();
        String text =
                fullText || message.length() <= LOGGED_TEXT_LENGTH ? message : message.substring(0, LOGGED_TEXT_LENGTH);
        return new DecisionRecord(
                tenantId,
                decisionId,
                at,
                request.sessionId(),
                decision.mode(),
                decision.decidedBy(),
                decision.reasonCode(),
                decision.riskScenario(),
                decision.matches(),
                decision.policyVersion(),
                decision.locale(),
                Secrets.sha256Hex(message),
                text);
    }
}
