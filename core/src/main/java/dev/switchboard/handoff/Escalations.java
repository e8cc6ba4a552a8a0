package dev.switchboard.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.AutoContext;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.DuplicateIdempotencyKey;
import dev.switchboard.escalation.DuplicateOpenEscalation;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationPage;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationState;
import dev.switchboard.escalation.EscalationStats;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.EscalationStore;
import dev.switchboard.escalation.EscalationStore.Change;
import dev.switchboard.escalation.EscalationStore.SessionRelease;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.Lifecycle;
import dev.switchboard.escalation.LifecycleConflict;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.ResumeState;
import dev.switchboard.escalation.ResumeStatus;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.event.EventBus;
import dev.switchboard.ids.Secrets;
import dev.switchboard.ids.UuidV7;
import dev.switchboard.json.EscalationJson;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.policy.AutoEscalationRule;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.Policies;
import dev.switchboard.routing.Decision;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.webhook.DeliveryListener;
import dev.switchboard.webhook.Outgoing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation queue as a Java API (SPEC §3): create, claim, resolve, cancel and expire packets, auto-escalation,
 * transfers from routing, waiting for a decision, and the exactly-once resume of the paused workflow.
 *
 * <p>Every change goes through {@link Lifecycle} inside one store transaction that also appends its events, so a
 * change and its audit trail commit together or not at all, and of concurrent changes each sees the state the
 * previous one left (of N concurrent resolves, one wins). Waiters on this node wake as soon as a change commits;
 * waiters elsewhere re-read the packet every {@link #WAIT_POLL}.
 *
 * <p>Resume (SPEC §3.5) happens once: by pull ({@link #consume}), or by push to the handler registered here for the
 * packet's workflow ({@link #onResume}) or else to the webhook subscriptions for {@code escalation.resume_requested}
 * ({@link #resumeDeliveries}). Whichever completes first wins: a pull while a push is still pending takes the decision
 * and the push is cancelled; a push or pull after a completed one answers {@code already_consumed}. Every committed
 * event is published on the {@link EventBus}. Thread-safe.
 */
public final class Escalations implements AutoCloseable {
    /** Longest a caller may wait for a packet to be decided. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** How often a waiter re-reads the packet, to see changes made by other nodes. */
    static final Duration WAIT_POLL = Duration.ofSeconds(1);
    /** How long a create's answer is kept for retries with its {@code Idempotency-Key}. */
    public static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** A push resume pending this long (its node stopped before recording the outcome) is delivered again. */
    static final Duration RESUME_STALL = Duration.ofSeconds(30);
    /** Resume tokens carry 192 random bits. */
    static final int RESUME_TOKEN_BYTES = 24;

    static final int SWEEP_BATCH = 500;
    /** Attempts at creating a de-duplicated packet while concurrent checks race for it. */
    private static final int DEDUP_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = JsonMappers.create();

    private final EscalationStore store;
    private final Policies policies;
    private final Tenants tenants;
    private final Clock clock;
    private final UuidV7 ids;
    private final Waiters waiters = new Waiters();
    private final Map<String, ResumeHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final EventBus bus;
    private volatile ResumeSubscribers resumeSubscribers = (tenantId, workflow) -> false;

    public Escalations(EscalationStore store, Policies policies, Tenants tenants, Clock clock) {
        this(store, policies, tenants, clock, new EventBus());
    }

    /** Publishes every committed event on {@code bus}. */
    public Escalations(EscalationStore store, Policies policies, Tenants tenants, Clock clock, EventBus bus) {
        this.bus = bus;
        this.store = store;
        this.policies = policies;
        this.tenants = tenants;
        this.clock = clock;
        this.ids = new UuidV7(clock);
    }

    // ---- creating

    /** Opens a packet; {@code content.dueAt()} null means: due per the tenant policy's SLA for its priority. */
    public Escalation create(String tenantId, EscalationContent content, Actor actor) {
        return create(tenantId, content, actor, null).escalation();
    }

    /**
     * Opens a packet, or with an {@code idempotency} key seen before, answers as the first time (same fingerprint)
     * or refuses ({@link IdempotencyKeyReused}).
     */
    public Created create(String tenantId, EscalationContent content, Actor actor, Idempotency idempotency) {
        if (idempotency != null) {
            Optional<Created> replay = replay(tenantId, idempotency);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = now();
        Escalation packet = newPacket(tenantId, dueDated(tenantId, content, now, null), actor, now);
        String body = text(EscalationJson.writeCreated(packet));
        EscalationStore.IdempotentResponse response = idempotency == null
                ? null
                : new EscalationStore.IdempotentResponse(
                        idempotency.key(), idempotency.fingerprint(), packet.id(), body, now);
        try {
            insert(packet, List.of(created(packet, actor)), response);
        } catch (DuplicateIdempotencyKey e) {
            return replay(tenantId, idempotency).orElseThrow(() -> e);
        }
        return new Created(packet, body, false);
    }

    private Optional<Created> replay(String tenantId, Idempotency idempotency) {
        return store.idempotentResponse(tenantId, idempotency.key()).map(stored -> {
            if (!stored.fingerprint().equals(idempotency.fingerprint())) {
                throw new IdempotencyKeyReused(idempotency.key());
            }
            Escalation now = store.find(tenantId, stored.escalationId()).orElse(null);
            return new Created(now, stored.body(), true);
        });
    }

    /**
     * Evaluates every auto-escalation rule of the tenant's policy over {@code context} and opens one packet for the
     * top match carrying every matched rule id — or returns the open packet for the same entity and top rule.
     */
    public AutoOutcome auto(String tenantId, AutoContext context, Actor actor) {
        List<AutoEscalationRule> matched =
                AutoRules.matching(policies.current(tenantId).policy().autoEscalationRules(), context);
        if (matched.isEmpty()) {
            return AutoOutcome.noMatch();
        }
        List<String> matchedIds = matched.stream().map(AutoEscalationRule::id).toList();
        AutoEscalationRule top = AutoRules.top(matched);
        String dedupKey = AutoRules.dedupKey(context, top);
        for (int attempt = 0; attempt < DEDUP_ATTEMPTS; attempt++) {
            Optional<Escalation> open = store.findOpen(tenantId, dedupKey);
            if (open.isPresent()) {
                return new AutoOutcome(open.get(), matchedIds, false, true);
            }
            Instant now = now();
            Escalation packet = newPacket(
                    tenantId, dueDated(tenantId, AutoRules.content(context, top, matched), now, top.sla()), actor, now);
            try {
                insert(packet, List.of(created(packet, actor)), null);
                return new AutoOutcome(packet, matchedIds, true, false);
            } catch (DuplicateOpenEscalation e) {
                // A concurrent check opened it first: return that one.
            }
        }
        throw new IllegalStateException("auto-escalation of " + dedupKey + " kept racing");
    }

    /**
     * Hands a bot-owned session to a human with a packet for {@code decision} (a transfer), in one transaction; empty
     * when the session is human-owned already (a concurrent route handed it off first).
     */
    public Optional<Escalation> openForSession(
            String tenantId,
            String sessionId,
            String decisionId,
            Decision decision,
            String message,
            Priority priority) {
        Instant now = now();
        EscalationContent content = dueDated(
                tenantId, TransferPackets.content(sessionId, decisionId, decision, message, priority), now, null);
        Actor router = new Actor("router", null);
        Escalation packet = newPacket(tenantId, content, router, now);
        ObjectNode transferred = NODES.objectNode().put("session_id", sessionId).put("escalation_id", packet.id());
        List<Event> events = List.of(
                created(packet, router), event(packet, EventType.SESSION_TRANSFERRED, router, transferred, now));
        if (!store.insertForSession(packet, events)) {
            return Optional.empty();
        }
        bus.publish(events);
        return Optional.of(packet);
    }

    private Escalation newPacket(String tenantId, EscalationContent content, Actor actor, Instant now) {
        return new Escalation(
                ids.nextString(),
                tenantId,
                content,
                EscalationState.created(now),
                Secrets.random(RESUME_TOKEN_BYTES),
                now,
                actor.name());
    }

    /** The content due when its creator said, else per the tenant policy's SLA (or {@code override} when set). */
    private EscalationContent dueDated(String tenantId, EscalationContent content, Instant now, SlaTarget override) {
        if (content.dueAt() != null) {
            return content;
        }
        SlaPolicy sla = policies.current(tenantId).policy().sla().forZone(zone(tenantId));
        Instant due = override != null
                ? sla.dueAt(override, now, zone(tenantId))
                : sla.dueAt(content.priority(), now, zone(tenantId));
        return content.withDueAt(due);
    }

    // ---- reading

    public Optional<Escalation> find(String tenantId, String escalationId) {
        return store.find(tenantId, escalationId);
    }

    /** The packet, or {@link UnknownEscalation}. */
    public Escalation get(String tenantId, String escalationId) {
        return store.find(tenantId, escalationId).orElseThrow(() -> new UnknownEscalation(escalationId));
    }

    public EscalationPage list(String tenantId, EscalationQuery query) {
        return store.list(tenantId, query);
    }

    /** The packet's audit trail, oldest first; {@link UnknownEscalation} for an unknown packet. */
    public List<Event> events(String tenantId, String escalationId) {
        get(tenantId, escalationId);
        return store.events(tenantId, escalationId);
    }

    /** Statistics of the packets created since {@code since} (SPEC §3.6). */
    public EscalationStats stats(String tenantId, Instant since) {
        return store.stats(tenantId, since, now());
    }

    /**
     * Waits until the packet is resolved, expired or cancelled, or {@code timeout} (at most {@link #MAX_WAIT])
     * passes, and returns it as it then is.
     */
    public Escalation await(String tenantId, String escalationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), MAX_WAIT.toNanos());
        String key = key(tenantId, escalationId);
        while (true) {
            Waiters.Signal signal = waiters.join(key);
            try {
                Escalation packet = get(tenantId, escalationId);
                long remaining = deadline - System.nanoTime();
                if (packet.status().isSettled() || remaining <= 0) {
                    return packet;
                }
                signal.await(Math.min(remaining, WAIT_POLL.toNanos()));
            } finally {
                waiters.leave(key, signal);
            }
        }
    }

    // ---- changing

    /** Claims a packet for {@code actor} itself. */
    public Escalation claim(String tenantId, String escalationId, Actor actor) {
        return apply(tenantId, escalationId, new Command.Assign(null, false), actor, null);
    }

    public Escalation resolve(String tenantId, String escalationId, Command.Resolve decision, Actor actor) {
        return apply(tenantId, escalationId, decision, actor, null);
    }

    public Escalation cancel(String tenantId, String escalationId, String reason, Actor actor) {
        return apply(tenantId, escalationId, new Command.Cancel(reason), actor, null);
    }

    /**
     * Applies a lifecycle command in one transaction with its events. Resolving with {@code resume_workflow} also
     * starts the push resume; resolving or cancelling the packet that made a session human-owned gives the session
     * back to the bot (policy {@code transfer.release_session_on_resolve}).
     *
     * @param expectedVersion the version the caller saw ({@code If-Match}), or null
     * @throws LifecycleConflict when the packet's status does not allow it (409)
     * @throws dev.switchboard.escalation.LifecycleForbidden when the actor may not do it (403)
     * @throws dev.switchboard.policy.StaleVersionException when {@code expectedVersion} is not current (412)
     * @throws UnknownEscalation when the tenant has no such packet (404)
     */
    public Escalation apply(
            String tenantId, String escalationId, Command command, Actor actor, Integer expectedVersion) {
        Instant now = now();
        boolean release = policies.current(tenantId).policy().transfer().releaseSessionOnResolve();
        boolean[] pushRequested = {false};
        Escalation result = change(tenantId, escalationId, expectedVersion, current -> {
            pushRequested[0] = false; // decided again when another change came first
            Lifecycle.Step step = Lifecycle.apply(current, command, actor, now);
            if (!step.changed()) {
                return Change.none(current);
            }
            Escalation next = step.next();
            List<Event> events = new ArrayList<>();
            events.add(event(next, step.event(), actor, eventData(command, current, next), now));
            if (command instanceof Command.Resolve resolve && resolve.resumeWorkflow()) {
                ResumeStatus resume = requestedResume(next, now);
                next = next.with(next.state().alsoResume(resume));
                if (resume.state() == ResumeState.PENDING) {
                    events.add(resumeRequested(next, actor, now));
                    pushRequested[0] = true;
                }
            }
            SessionRelease released = null;
            String sessionId = next.content().sessionId();
            if (release
                    && sessionId != null
                    && (next.status() == EscalationStatus.RESOLVED || next.status() == EscalationStatus.CANCELLED)) {
                ObjectNode data =
                        NODES.objectNode().put("session_id", sessionId).put("escalation_id", next.id());
                released = new SessionRelease(sessionId, event(next, EventType.SESSION_RELEASED, actor, data, now));
            }
            return new Change(next, events, released);
        });
        committed(result, pushRequested[0]);
        return result;
    }

    /**
     * Expires the tenant's open packets whose SLA has passed (SPEC §3.3) and returns how many this call expired.
     * Safe to run on several nodes at once: a packet expires once.
     */
    public int expireOverdue(String tenantId) {
        return expire(tenantId);
    }

    /** {@link #expireOverdue} for every tenant: the SLA sweeper's pass. */
    public int expireOverdue() {
        return expire(null);
    }

    private int expire(String tenantId) {
        int expired = 0;
        while (true) {
            List<EscalationStore.Ref> due = store.overdue(tenantId, now(), SWEEP_BATCH);
            for (EscalationStore.Ref ref : due) {
                try {
                    apply(ref.tenantId(), ref.escalationId(), new Command.Expire(), Actor.SYSTEM, null);
                    expired++;
                } catch (LifecycleConflict | UnknownEscalation e) {
                    // Resolved, cancelled or expired meanwhile (perhaps by another node): nothing to do.
                }
            }
            if (due.size() < SWEEP_BATCH) {
                return expired;
            }
        }
    }

    /** Drops the answers kept for idempotent retries longer than {@link #IDEMPOTENCY_TTL}; returns how many. */
    public int forgetOldIdempotencyKeys() {
        return store.forgetIdempotentResponses(now().minus(IDEMPOTENCY_TTL));
    }

    // ---- resume

    /**
     * Registers the handler that resumes paused workflows named {@code workflowName}, replacing any earlier one. A
     * packet's resume is pushed to it when the packet is resolved with {@code resume_workflow}, or on
     * {@link #requestResume}.
     */
    public void onResume(String workflowName, ResumeHandler handler) {
        handlers.put(workflowName, handler);
    }

    /**
     * Pushes the decision of a resolved packet to its workflow's handler ({@code 202}: the state is then
     * {@code pending}, and {@code delivered} or {@code failed} once the handler returns).
     *
     * @throws LifecycleConflict {@code not_resolved}; {@code already_consumed} when the workflow got the decision
     *     already; {@code no_handler} (recorded on the packet) when no handler is registered for its workflow
     */
    public Escalation requestResume(String tenantId, String escalationId, Actor actor) {
        Instant now = now();
        boolean[] pushRequested = {false};
        Escalation result = change(tenantId, escalationId, null, current -> {
            pushRequested[0] = false; // decided again when another change came first
            requireResolved(current);
            ResumeState state = current.state().resume().state();
            if (state.isDone()) {
                throw new LifecycleConflict("already_consumed", "the workflow has its decision already", current);
            }
            if (state == ResumeState.PENDING) {
                return Change.none(current);
            }
            ResumeStatus resume = requestedResume(current, now);
            Escalation next = current.with(current.state().withResume(resume, now));
            pushRequested[0] = resume.state() == ResumeState.PENDING;
            List<Event> events = pushRequested[0] ? List.of(resumeRequested(next, actor, now)) : List.of();
            return new Change(next, events, null);
        });
        committed(result, pushRequested[0]);
        if (result.state().resume().state() == ResumeState.NO_HANDLER) {
            throw new LifecycleConflict(
                    "no_handler",
                    "no resume handler for workflow " + result.content().workflowName(),
                    result);
        }
        return result;
    }

    /**
     * Pull resume (SPEC §3.5): the first call with a resolved packet's token returns it and marks its resume
     * consumed; later calls, and calls while a push is under way, are refused.
     *
     * @throws UnknownResumeToken when the tenant has no packet with this token (404)
     * @throws LifecycleConflict {@code not_resolved} or {@code already_consumed}
     */
    public Escalation consume(String tenantId, String resumeToken) {
        Escalation packet = store.findByResumeToken(tenantId, resumeToken).orElseThrow(UnknownResumeToken::new);
        Instant now = now();
        Escalation result = change(tenantId, packet.id(), null, current -> {
            requireResolved(current);
            ResumeStatus resume = current.state().resume();
            if (resume.state().isDone()) {
                throw new LifecycleConflict("already_consumed", "this resume token was used already", current);
            }
            // A push still pending loses to this pull, which completes first: its delivery is then cancelled.
            ResumeStatus consumed = new ResumeStatus(ResumeState.CONSUMED, resume.attempts(), null, now);
            Escalation next = current.with(current.state().withResume(consumed, now));
            ObjectNode data = NODES.objectNode().put("via", "pull");
            return new Change(next, List.of(event(next, EventType.ESCALATION_RESUMED, Actor.SYSTEM, data, now)), null);
        });
        committed(result, false);
        return result;
    }

    /** Delivers again the push resumes whose node stopped before recording the outcome; returns how many. */
    public int redeliverStalledResumes() {
        int redelivered = 0;
        Instant before = now().minus(RESUME_STALL);
        for (EscalationStore.Ref ref : store.stalledResumes(before, SWEEP_BATCH)) {
            Escalation packet = store.find(ref.tenantId(), ref.escalationId()).orElse(null);
            if (packet == null
                    || !handlers.containsKey(String.valueOf(packet.content().workflowName()))) {
                continue; // another node may have the handler
            }
            Instant now = now();
            // Take the lease: of the nodes that see it stalled, one renews its time and delivers.
            Escalation leased = change(ref.tenantId(), ref.escalationId(), null, current -> {
                ResumeStatus resume = current.state().resume();
                if (resume.state() != ResumeState.PENDING || resume.at().isAfter(before)) {
                    return Change.none(current);
                }
                ResumeStatus renewed =
                        new ResumeStatus(ResumeState.PENDING, resume.attempts(), resume.lastError(), now);
                return new Change(current.with(current.state().withResume(renewed, now)), List.of(), null);
            });
            if (leased.state().resume().at().equals(now)) {
                deliver(leased);
                redelivered++;
            }
        }
        return redelivered;
    }

    /**
     * Where push resumes go besides the handlers registered here: the webhook subscriptions for {@code
     * escalation.resume_requested} (SPEC §3.5). A packet whose workflow has neither gets {@code no_handler}.
     */
    public void pushResumesTo(ResumeSubscribers subscribers) {
        this.resumeSubscribers = subscribers;
    }

    private ResumeStatus requestedResume(Escalation packet, Instant now) {
        ResumeStatus resume = packet.state().resume();
        String workflow = packet.content().workflowName();
        ResumeState state = hasHandler(packet) || resumeSubscribers.exist(packet.tenantId(), workflow)
                ? ResumeState.PENDING
                : ResumeState.NO_HANDLER;
        return new ResumeStatus(state, resume.attempts(), resume.lastError(), now);
    }

    private Event resumeRequested(Escalation packet, Actor actor, Instant now) {
        ObjectNode data = NODES.objectNode()
                .put("workflow_name", packet.content().workflowName())
                .put("entity_type", packet.content().entityType())
                .put("entity_id", packet.content().entityId());
        return event(packet, EventType.ESCALATION_RESUME_REQUESTED, actor, data, now);
    }

    private static void requireResolved(Escalation current) {
        if (current.status() != EscalationStatus.RESOLVED) {
            throw new LifecycleConflict(
                    "not_resolved",
                    "the escalation is " + current.status().name().toLowerCase(java.util.Locale.ROOT),
                    current);
        }
    }

    /** Calls the workflow's handler outside any transaction, then records the outcome if the push is still on. */
    private void deliver(Escalation packet) {
        ResumeHandler handler = handlers.get(packet.content().workflowName());
        String error = null;
        if (handler == null) {
            error = "no resume handler for workflow " + packet.content().workflowName();
        } else {
            try {
                handler.resume(new ResumeRequest(
                        packet.tenantId(),
                        packet.id(),
                        packet.resumeToken(),
                        packet.content().entityType(),
                        packet.content().entityId(),
                        packet.content().workflowName(),
                        packet.state().resolution()));
            } catch (Exception | LinkageError e) {
                LOG.warn(
                        "resume handler of {} failed for escalation {}",
                        packet.content().workflowName(),
                        packet.id(),
                        e);
                error = e.toString();
            }
        }
        recordPush(packet.tenantId(), packet.id(), error, NODES.objectNode().put("via", "push"));
    }

    /**
     * Records how a push resume ended, while the resume is still pending (a pull may have taken the decision first):
     * {@code delivered} with an {@code escalation.resumed} event carrying {@code resumed}, or {@code failed}.
     */
    private void recordPush(String tenantId, String escalationId, String failure, ObjectNode resumed) {
        Instant now = now();
        Escalation result = change(tenantId, escalationId, null, current -> {
            ResumeStatus resume = current.state().resume();
            if (resume.state() != ResumeState.PENDING) {
                return Change.none(current);
            }
            ResumeStatus outcome = new ResumeStatus(
                    failure == null ? ResumeState.DELIVERED : ResumeState.FAILED, resume.attempts() + 1, failure, now);
            Escalation next = current.with(current.state().withResume(outcome, now));
            List<Event> events = failure == null
                    ? List.of(event(next, EventType.ESCALATION_RESUMED, Actor.SYSTEM, resumed, now))
                    : List.of();
            return new Change(next, events, null);
        });
        committed(result, false);
    }

    /**
     * How the webhook dispatcher treats deliveries of {@code escalation.resume_requested}: the payload gets the
     * resume token and the decision (which the audit trail does not show); a delivery after the workflow took the
     * decision by pull is cancelled; a {@code 2xx} marks the resume delivered, giving up marks it failed (a pull can
     * still take it then).
     */
    public DeliveryListener resumeDeliveries() {
        return new DeliveryListener() {
            @Override
            public Event prepare(Outgoing outgoing) {
                Event event = outgoing.event();
                if (event.type() != EventType.ESCALATION_RESUME_REQUESTED) {
                    return event;
                }
                Escalation packet =
                        store.find(event.tenantId(), event.escalationId()).orElse(null);
                if (packet == null || packet.state().resume().state() == ResumeState.CONSUMED) {
                    return null;
                }
                ObjectNode data = NODES.objectNode()
                        .put("resume_token", packet.resumeToken())
                        .put("escalation_id", packet.id())
                        .put("entity_type", packet.content().entityType())
                        .put("entity_id", packet.content().entityId())
                        .put("workflow_name", packet.content().workflowName());
                data.set("resolution", EscalationJson.resolution(packet.state().resolution()));
                return new Event(
                        event.id(),
                        event.tenantId(),
                        event.escalationId(),
                        event.type(),
                        event.occurredAt(),
                        event.actor(),
                        data);
            }

            @Override
            public void delivered(Outgoing outgoing) {
                pushed(outgoing, null);
            }

            @Override
            public void gaveUp(Outgoing outgoing, String error) {
                pushed(outgoing, error == null ? "gave up" : error);
            }
        };
    }

    /** Records the outcome of a push resume by webhook. */
    private void pushed(Outgoing outgoing, String failure) {
        Event event = outgoing.event();
        if (event.type() == EventType.ESCALATION_RESUME_REQUESTED) {
            recordPush(
                    event.tenantId(),
                    event.escalationId(),
                    failure,
                    NODES.objectNode()
                            .put("via", "webhook")
                            .put("webhook", outgoing.delivery().webhook()));
        }
    }

    private boolean hasHandler(Escalation packet) {
        String workflow = packet.content().workflowName();
        return workflow != null && handlers.containsKey(workflow);
    }

    /**
     * After a change commits: wake its waiters, and start the push it requested when a handler here takes it (else
     * its {@code escalation.resume_requested} event is in the webhook outbox already).
     */
    private void committed(Escalation packet, boolean pushRequested) {
        waiters.fire(key(packet.tenantId(), packet.id()));
        if (pushRequested && hasHandler(packet)) {
            deliveries.submit(() -> {
                try {
                    deliver(packet);
                } catch (RuntimeException e) {
                    LOG.error("recording the resume of escalation {} failed", packet.id(), e);
                }
            });
        }
    }

    /** Writes a new packet with its events, then publishes them. */
    private void insert(Escalation packet, List<Event> events, EscalationStore.IdempotentResponse response) {
        store.insert(packet, events, response);
        bus.publish(events);
    }

    /** Changes a packet atomically (see {@link EscalationStore#change}), then publishes what it wrote. */
    private Escalation change(
            String tenantId,
            String escalationId,
            Integer expectedVersion,
            java.util.function.Function<Escalation, Change> decide) {
        EscalationStore.Changed changed = store.change(tenantId, escalationId, expectedVersion, decide);
        bus.publish(changed.written());
        return changed.escalation();
    }

    // ---- events

    private Event created(Escalation packet, Actor actor) {
        return event(packet, EventType.ESCALATION_CREATED, actor, EscalationJson.write(packet), packet.createdAt());
    }

    private Event event(Escalation packet, EventType type, Actor actor, JsonNode data, Instant at) {
        return new Event(ids.nextString(), packet.tenantId(), packet.id(), type, at, actor.name(), data);
    }

    private static JsonNode eventData(Command command, Escalation before, Escalation after) {
        ObjectNode data = NODES.objectNode().put("status", after.status().name().toLowerCase(java.util.Locale.ROOT));
        switch (command) {
            case Command.Assign assign ->
                data.put("assigned_to", after.state().assignedTo())
                        .put("previous_assignee", before.state().assignedTo())
                        .put("force", assign.force());
            case Command.Unassign unassign ->
                data.put("previous_assignee", before.state().assignedTo());
            case Command.Resolve resolve ->
                data.set("resolution", EscalationJson.resolution(after.state().resolution()));
            case Command.Cancel cancel -> data.put("reason", cancel.reason());
            case Command.Expire expire ->
                data.put("due_at", after.content().dueAt().toString());
        }
        return data;
    }

    // ---- plumbing

    ZoneId zone(String tenantId) {
        return zones.computeIfAbsent(
                tenantId, id -> tenants.find(id).map(Tenant::timezone).orElse(ZoneId.of("UTC")));
    }

    CompiledPolicy policy(String tenantId) {
        return policies.current(tenantId);
    }

    /** Now, to the millisecond the store keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String key(String tenantId, String escalationId) {
        return tenantId + '/' + escalationId;
    }

    private static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for resume deliveries under way, briefly. */
    @Override
    public void close() {
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
