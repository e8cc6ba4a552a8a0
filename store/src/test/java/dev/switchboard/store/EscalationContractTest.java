package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.AutoContext;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationPage;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EscalationStats;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.LifecycleConflict;
import dev.switchboard.escalation.LifecycleForbidden;
import dev.switchboard.escalation.LocalizedFields;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.ResumeState;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.handoff.AutoOutcome;
import dev.switchboard.handoff.Created;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.handoff.Idempotency;
import dev.switchboard.handoff.IdempotencyKeyReused;
import dev.switchboard.handoff.ResumeRequest;
import dev.switchboard.handoff.UnknownResumeToken;
import dev.switchboard.policy.Policies;
import dev.switchboard.policy.StaleVersionException;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The escalation lifecycle (SPEC §3) through the embedded API on each real database: every transition and conflict,
 * concurrency, the queue, SLA expiry, idempotency, auto-escalation, sessions, resume and stats. Each test works in a
 * tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EscalationContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor AGENT = new Actor("bot-1", Role.AGENT);
    private static final Actor ALICE = new Actor("alice", Role.OPERATOR);
    protected static final Actor BOB = new Actor("bob", Role.OPERATOR);
    protected static final Actor SUPER = new Actor("sam", Role.SUPERVISOR);

    protected final ManualClock clock = new ManualClock(Instant.parse("2026-11-19T13:00:00Z"));
    private Policies policies;
    private Tenants tenants;
    private Escalations escalations;

    protected abstract Stores stores();

    protected Escalations escalations() {
        if (escalations == null) {
            policies = new Policies(stores().policies(), clock);
            tenants = new Tenants(stores().tenants(), clock);
            escalations = new Escalations(stores().escalations(), policies, tenants, clock);
        }
        return escalations;
    }

    protected String newTenant() {
        escalations();
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.createTenant(id, "Tenant " + id, Language.AR, ZoneId.of("Asia/Riyadh"), Policies.defaultDocument())
                .orElseThrow();
        return id;
    }

    private static EscalationContent content(String entityId, Priority priority) {
        return EscalationContent.builder("Quote needs approval", "deal", entityId, EscalationReason.HIGH_VALUE_DEAL)
                .titleAr("عرض السعر يحتاج موافقة")
                .workflow("quote_approval", "validate")
                .priority(priority)
                .confidence(0.4)
                .targetRole("manager")
                .missingData(List.of("budget"))
                .artifact(new Artifact("text", "note", "customer asked twice", null))
                .localized(Language.ZH, new LocalizedFields("报价需要审批", "审批报价", null))
                .build();
    }

    protected Escalation create(String tenant, Priority priority) {
        return escalations().create(tenant, content("D-" + UUID.randomUUID(), priority), AGENT);
    }

    private static Command.Resolve approve() {
        return new Command.Resolve("approved", "fine", JSON.createObjectNode().put("discount", 5), false);
    }

    private static String conflict(Runnable change) {
        try {
            change.run();
        } catch (LifecycleConflict e) {
            return e.code();
        }
        throw new AssertionError("expected a lifecycle conflict");
    }

    protected List<EventType> trail(String tenant, String id) {
        return escalations().events(tenant, id).stream().map(Event::type).toList();
    }

    // ---- create and read

    @Test
    void create_storesThePacketPending_dueBySla_withASecretTokenAndACreatedEvent() {
        String tenant = newTenant();
        Escalation created = create(tenant, Priority.HIGH);

        assertThat(created.status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.content().dueAt()).isEqualTo(created.createdAt().plus(Duration.ofHours(4)));
        assertThat(java.util.Base64.getUrlDecoder().decode(created.resumeToken()))
                .hasSizeGreaterThanOrEqualTo(16);
        Escalation stored = escalations().get(tenant, created.id());
        assertThat(stored).isEqualTo(created);
        assertThat(stored.content().i18n().get(Language.ZH).title()).isEqualTo("报价需要审批");
        assertThat(trail(tenant, created.id())).containsExactly(EventType.ESCALATION_CREATED);
        Event event = escalations().events(tenant, created.id()).getFirst();
        assertThat(event.actor()).isEqualTo("bot-1");
        assertThat(event.data().get("title").asText()).isEqualTo("Quote needs approval");
        assertThat(event.data().has("resume_token")).isFalse();
    }

    @Test
    void anotherTenant_seesNothing_andCannotChangeIt() {
        String tenant = newTenant();
        String other = newTenant();
        Escalation packet = create(tenant, Priority.LOW);

        assertThat(escalations().find(other, packet.id())).isEmpty();
        assertThatThrownBy(() -> escalations().claim(other, packet.id(), ALICE)).isInstanceOf(UnknownEscalation.class);
        assertThatThrownBy(() -> escalations().events(other, packet.id())).isInstanceOf(UnknownEscalation.class);
        assertThatThrownBy(() -> escalations().consume(other, packet.resumeToken()))
                .isInstanceOf(UnknownResumeToken.class);
        assertThat(escalations().list(other, EscalationQuery.openQueue(50)).items())
                .isEmpty();
        assertThat(escalations().get(tenant, packet.id()).version()).isEqualTo(1);
    }

    @Test
    void callerDueAt_overridesTheSla() {
        String tenant = newTenant();
        Instant due = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        EscalationContent content = EscalationContent.builder("t", "deal", "D-1", EscalationReason.TIMEOUT)
                .dueAt(due)
                .build();

        assertThat(escalations().create(tenant, content, AGENT).content().dueAt())
                .isEqualTo(due);
    }

    // ---- the lifecycle table

    @Test
    void claim_takesItForOneself_onceOnly_andAgainIsANoOp() {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);

        Escalation claimed = escalations().claim(tenant, packet.id(), ALICE);
        Escalation again = escalations().claim(tenant, packet.id(), ALICE);

        assertThat(claimed.status()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(claimed.state().assignedTo()).isEqualTo("alice");
        assertThat(claimed.version()).isEqualTo(2);
        assertThat(again.version()).isEqualTo(2);
        assertThat(conflict(() -> escalations().claim(tenant, packet.id(), BOB)))
                .isEqualTo("already_assigned");
        assertThat(trail(tenant, packet.id()))
                .containsExactly(EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED);
    }

    @Test
    void assign_toAnother_isForSupervisors_andTakingItFromItsOwnerNeedsForce() {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);
        String id = packet.id();

        assertThatThrownBy(() -> escalations().apply(tenant, id, new Command.Assign("bob", false), ALICE, null))
                .isInstanceOf(LifecycleForbidden.class);
        Escalation toBob = escalations().apply(tenant, id, new Command.Assign("bob", false), SUPER, null);
        assertThat(toBob.state().assignedTo()).isEqualTo("bob");
        assertThat(conflict(() -> escalations().apply(tenant, id, new Command.Assign("alice", false), SUPER, null)))
                .isEqualTo("already_assigned");
        Escalation forced = escalations().apply(tenant, id, new Command.Assign("alice", true), SUPER, null);
        assertThat(forced.state().assignedTo()).isEqualTo("alice");
        assertThat(conflict(() -> escalations().apply(tenant, id, new Command.Assign("bob", true), BOB, null)))
                .isEqualTo("already_assigned");
        Event last = escalations().events(tenant, id).getLast();
        assertThat(last.data().get("previous_assignee").asText()).isEqualTo("bob");
        assertThat(last.data().get("force").asBoolean()).isTrue();
    }

    @Test
    void unassign_byAssigneeOrSupervisor_backToPending() {
        String tenant = newTenant();
        String id = create(tenant, Priority.MEDIUM).id();
        escalations().claim(tenant, id, ALICE);

        assertThatThrownBy(() -> escalations().apply(tenant, id, new Command.Unassign(), BOB, null))
                .isInstanceOf(LifecycleForbidden.class);
        Escalation released = escalations().apply(tenant, id, new Command.Unassign(), ALICE, null);
        assertThat(released.status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(released.state().assignedTo()).isNull();
        assertThat(conflict(() -> escalations().apply(tenant, id, new Command.Unassign(), ALICE, null)))
                .isEqualTo("not_assigned");
        escalations().claim(tenant, id, BOB);
        assertThat(escalations()
                        .apply(tenant, id, new Command.Unassign(), SUPER, null)
                        .status())
                .isEqualTo(EscalationStatus.PENDING);
    }

    @Test
    void resolve_byAssignee_orAnyoneWhenUnassigned_orASupervisor_once() {
        String tenant = newTenant();
        String claimedId = create(tenant, Priority.HIGH).id();
        escalations().claim(tenant, claimedId, ALICE);

        assertThat(conflict(() -> escalations().resolve(tenant, claimedId, approve(), BOB)))
                .isEqualTo("already_assigned");
        Escalation resolved = escalations().resolve(tenant, claimedId, approve(), ALICE);
        assertThat(resolved.status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(resolved.state().resolvedAt()).isEqualTo(resolved.state().updatedAt());
        assertThat(resolved.state().resolution().resolvedBy()).isEqualTo("alice");
        assertThat(resolved.state().resolution().overrideData().get("discount").asInt())
                .isEqualTo(5);
        assertThat(escalations().get(tenant, claimedId)).isEqualTo(resolved);
        assertThat(conflict(() -> escalations().resolve(tenant, claimedId, approve(), ALICE)))
                .isEqualTo("already_resolved");
        assertThat(conflict(() -> escalations().claim(tenant, claimedId, BOB))).isEqualTo("already_resolved");
        assertThat(conflict(() -> escalations().cancel(tenant, claimedId, "x", AGENT)))
                .isEqualTo("already_resolved");

        String pendingId = create(tenant, Priority.HIGH).id();
        assertThat(escalations()
                        .resolve(tenant, pendingId, approve(), BOB)
                        .state()
                        .resolution()
                        .resolvedBy())
                .isEqualTo("bob");
        String bobsId = create(tenant, Priority.HIGH).id();
        escalations().claim(tenant, bobsId, BOB);
        assertThat(escalations().resolve(tenant, bobsId, approve(), SUPER).status())
                .isEqualTo(EscalationStatus.RESOLVED);
    }

    @Test
    void cancel_closesAnOpenPacket_andNothingElseMovesIt() {
        String tenant = newTenant();
        String id = create(tenant, Priority.HIGH).id();
        escalations().claim(tenant, id, ALICE);

        Escalation cancelled = escalations().cancel(tenant, id, "customer came back", AGENT);

        assertThat(cancelled.status()).isEqualTo(EscalationStatus.CANCELLED);
        assertThat(cancelled.state().cancelReason()).isEqualTo("customer came back");
        assertThat(conflict(() -> escalations().cancel(tenant, id, null, AGENT)))
                .isEqualTo("cancelled");
        assertThat(conflict(() -> escalations().resolve(tenant, id, approve(), ALICE)))
                .isEqualTo("cancelled");
        assertThat(conflict(() -> escalations().claim(tenant, id, BOB))).isEqualTo("cancelled");
        assertThat(trail(tenant, id))
                .containsExactly(
                        EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED, EventType.ESCALATION_CANCELLED);
    }

    @Test
    void staleIfMatch_isRefused_andWritesNothing() {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);
        escalations().claim(tenant, packet.id(), ALICE);

        assertThatThrownBy(() -> escalations().apply(tenant, packet.id(), approve(), ALICE, 1))
                .isInstanceOf(StaleVersionException.class);
        assertThat(escalations().get(tenant, packet.id()).status()).isEqualTo(EscalationStatus.IN_PROGRESS);
        assertThat(escalations().apply(tenant, packet.id(), approve(), ALICE, 2).version())
                .isEqualTo(3);
        assertThat(trail(tenant, packet.id())).hasSize(3);
    }

    // ---- concurrency

    @Test
    void ofConcurrentResolves_exactlyOneWins() throws Exception {
        String tenant = newTenant();
        String id = create(tenant, Priority.CRITICAL).id();
        AtomicInteger caller = new AtomicInteger();

        List<String> outcomes = Race.run(32, () -> {
            Actor who = new Actor("op-" + caller.incrementAndGet(), Role.SUPERVISOR);
            try {
                escalations().resolve(tenant, id, approve(), who);
                return "won";
            } catch (LifecycleConflict e) {
                return e.code();
            }
        });

        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("already_resolved"::equals).hasSize(31);
        assertThat(trail(tenant, id))
                .filteredOn(EventType.ESCALATION_RESOLVED::equals)
                .hasSize(1);
        assertThat(escalations().get(tenant, id).version()).isEqualTo(2);
    }

    @Test
    void ofRacingClaims_oneOperatorOwnsIt() throws Exception {
        String tenant = newTenant();
        String id = create(tenant, Priority.HIGH).id();
        AtomicInteger caller = new AtomicInteger();

        List<String> outcomes = Race.run(16, () -> {
            String name = "op-" + caller.incrementAndGet();
            try {
                return "owner:"
                        + escalations()
                                .claim(tenant, id, new Actor(name, Role.OPERATOR))
                                .state()
                                .assignedTo();
            } catch (LifecycleConflict e) {
                return e.code();
            }
        });

        List<String> owners =
                outcomes.stream().filter(o -> o.startsWith("owner:")).toList();
        assertThat(owners).hasSize(1);
        assertThat(outcomes).filteredOn("already_assigned"::equals).hasSize(15);
        assertThat("owner:" + escalations().get(tenant, id).state().assignedTo())
                .isEqualTo(owners.getFirst());
    }

    // ---- the queue

    @Test
    void queue_isOrderedByPriorityThenAgeThenId_andPagedByCursor() {
        String tenant = newTenant();
        List<Escalation> created = new ArrayList<>();
        Priority[] order = {Priority.LOW, Priority.CRITICAL, Priority.MEDIUM, Priority.HIGH};
        for (int i = 0; i < 12; i++) {
            created.add(create(tenant, order[i % order.length]));
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(5));
            }
        }
        List<Escalation> expected = created.stream()
                .sorted(java.util.Comparator.comparing(
                                (Escalation e) -> e.content().priority())
                        .thenComparing(Escalation::createdAt)
                        .thenComparing(Escalation::id))
                .toList();

        List<String> paged = new ArrayList<>();
        EscalationQuery query = EscalationQuery.openQueue(5);
        EscalationPage page = escalations().list(tenant, query);
        paged.addAll(page.items().stream().map(Escalation::id).toList());
        while (page.next() != null) {
            page = escalations().list(tenant, query.after(page.next()));
            paged.addAll(page.items().stream().map(Escalation::id).toList());
        }

        assertThat(paged)
                .containsExactlyElementsOf(expected.stream().map(Escalation::id).toList());
    }

    @Test
    void queue_filtersByStatusPriorityAssigneeRoleEntityAndOverdue() {
        String tenant = newTenant();
        Escalation high = create(tenant, Priority.HIGH);
        Escalation low = create(tenant, Priority.LOW);
        Escalation other = escalations()
                .create(
                        tenant,
                        EscalationContent.builder("x", "ticket", "T-9", EscalationReason.MISSING_DATA)
                                .targetRole("support")
                                .dueAt(clock.instant().plus(Duration.ofMinutes(1)))
                                .build(),
                        AGENT);
        escalations().claim(tenant, high.id(), ALICE);
        escalations().resolve(tenant, low.id(), approve(), BOB);

        assertThat(ids(tenant, query(Set.of(EscalationStatus.IN_PROGRESS), Set.of(), null, null, null, null, null)))
                .containsExactly(high.id());
        assertThat(ids(tenant, query(Set.of(), Set.of(Priority.LOW), null, null, null, null, null)))
                .containsExactly(low.id());
        assertThat(ids(tenant, query(Set.of(), Set.of(), "alice", null, null, null, null)))
                .containsExactly(high.id());
        assertThat(ids(tenant, query(Set.of(), Set.of(), null, "support", null, null, null)))
                .containsExactly(other.id());
        assertThat(ids(tenant, query(Set.of(), Set.of(), null, null, "ticket", "T-9", null)))
                .containsExactly(other.id());
        assertThat(ids(tenant, query(Set.of(), Set.of(), null, null, null, null, clock.instant())))
                .isEmpty();
        assertThat(ids(
                        tenant,
                        query(
                                Set.of(),
                                Set.of(),
                                null,
                                null,
                                null,
                                null,
                                clock.instant().plus(Duration.ofMinutes(2)))))
                .containsExactly(other.id());
    }

    private static EscalationQuery query(
            Set<EscalationStatus> statuses,
            Set<Priority> priorities,
            String assignedTo,
            String role,
            String entityType,
            String entityId,
            Instant overdueAt) {
        return new EscalationQuery(statuses, priorities, assignedTo, role, entityType, entityId, overdueAt, 50, null);
    }

    private List<String> ids(String tenant, EscalationQuery query) {
        return escalations().list(tenant, query).items().stream()
                .map(Escalation::id)
                .toList();
    }

    // ---- SLA

    @Test
    void sweeper_expiresOverduePacketsOnce_evenWhenSweepsRace() throws Exception {
        String tenant = newTenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(create(tenant, Priority.MEDIUM).id());
        }
        escalations().claim(tenant, ids.get(0), ALICE);
        escalations().resolve(tenant, ids.get(1), approve(), ALICE);
        clock.advance(Duration.ofHours(4).plusSeconds(1));

        List<Integer> counts = Race.run(4, () -> escalations().expireOverdue(tenant));

        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(escalations().expireOverdue(tenant)).isZero();
        Escalation expired = escalations().get(tenant, ids.get(0));
        assertThat(expired.status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(expired.state().breachedAt()).isEqualTo(expired.content().dueAt());
        assertThat(trail(tenant, ids.get(0)))
                .containsExactly(
                        EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED, EventType.ESCALATION_EXPIRED);
        assertThat(escalations().get(tenant, ids.get(1)).status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(escalations().resolve(tenant, ids.get(2), approve(), ALICE).status())
                .isEqualTo(EscalationStatus.RESOLVED);
        assertThat(conflict(() -> escalations().cancel(tenant, ids.get(3), null, AGENT)))
                .isEqualTo("expired");
        assertThat(conflict(() -> escalations().claim(tenant, ids.get(3), ALICE)))
                .isEqualTo("expired");
    }

    @Test
    void dueAt_countsBusinessHoursOfTheTenantCalendar() throws Exception {
        String tenant = newTenant();
        ObjectNode policy = (ObjectNode) JSON.readTree(Policies.defaultDocument());
        policy.set("sla", JSON.readTree("""
                {"targets": {"high": {"hours": 4, "business_hours": true}},
                 "calendar": {"hours": {"sun": ["09:00-17:00"], "mon": ["09:00-17:00"], "tue": ["09:00-17:00"],
                                        "wed": ["09:00-17:00"], "thu": ["09:00-17:00"]},
                              "holidays": ["2026-12-02"]}}"""));
        policies.update(tenant, policy, "admin");
        Instant thursday1600 = Instant.parse("2026-11-19T13:00:00Z");
        clock.set(thursday1600);

        Escalation high = create(tenant, Priority.HIGH);
        Escalation low = create(tenant, Priority.LOW);

        assertThat(high.content().dueAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(low.content().dueAt()).isEqualTo(thursday1600.plus(Duration.ofHours(4)));
    }

    // ---- idempotency

    @Test
    void idempotencyKey_replaysTheFirstAnswer_andRefusesAnotherBody() throws Exception {
        String tenant = newTenant();
        EscalationContent content = content("D-idem", Priority.HIGH);
        Idempotency key = new Idempotency("key-1", "fingerprint-a");

        Created first = escalations().create(tenant, content, AGENT, key);
        Created retry = escalations().create(tenant, content, AGENT, key);

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.escalation().id()).isEqualTo(first.escalation().id());
        assertThatThrownBy(() -> escalations().create(tenant, content, AGENT, new Idempotency("key-1", "other")))
                .isInstanceOf(IdempotencyKeyReused.class);

        Idempotency raced = new Idempotency("key-2", "fingerprint-b");
        List<String> bodies = Race.run(
                8, () -> escalations().create(tenant, content, AGENT, raced).body());
        assertThat(new HashSet<>(bodies)).hasSize(1);
        assertThat(escalations().list(tenant, EscalationQuery.openQueue(50)).items())
                .hasSize(2);
    }

    // ---- auto-escalation

    private AutoContext context(String json) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        return new AutoContext(
                node,
                node.path("entity_type").asText(),
                node.path("entity_id").asText(),
                node.hasNonNull("workflow_name") ? node.get("workflow_name").asText() : null,
                node.hasNonNull("current_step") ? node.get("current_step").asText() : null,
                node.hasNonNull("confidence") ? node.get("confidence").asDouble() : null);
    }

    @Test
    void auto_opensOnePacketForTheTopMatch_withEveryMatchedRule_andDeduplicates() throws Exception {
        String tenant = newTenant();
        AutoContext ctx = context("""
                {"entity_type": "deal", "entity_id": "D-9", "deal_value_sar": 150000, "consent_expired": true,
                 "confidence": 0.25, "workflow_name": "quote_approval", "current_step": "price"}""");

        AutoOutcome first = escalations().auto(tenant, ctx, AGENT);
        AutoOutcome second = escalations().auto(tenant, ctx, AGENT);

        assertThat(first.created()).isTrue();
        assertThat(first.matchedRules())
                .containsExactly("rule_high_value_deal", "rule_low_confidence", "rule_consent_expired");
        Escalation packet = first.escalation();
        assertThat(packet.content().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(packet.content().reason()).isEqualTo(EscalationReason.CONSENT_EXPIRED);
        assertThat(packet.content().targetRole()).isEqualTo("compliance");
        assertThat(packet.content().title()).isEqualTo("PDPL consent expired");
        assertThat(packet.content().titleAr()).isEqualTo("انتهاء موافقة PDPL");
        assertThat(packet.content().i18n().get(Language.ZH).title()).isEqualTo("PDPL同意已过期");
        assertThat(packet.content().workflowName()).isEqualTo("quote_approval");
        assertThat(packet.content().failedStep()).isEqualTo("price");
        assertThat(packet.content().confidence()).isEqualTo(0.25);
        assertThat(packet.content().ruleIds()).isEqualTo(first.matchedRules());
        assertThat(packet.content().artifacts().getFirst().type()).isEqualTo("context");
        assertThat(second.deduplicated()).isTrue();
        assertThat(second.escalation().id()).isEqualTo(packet.id());

        escalations().resolve(tenant, packet.id(), approve(), SUPER);
        assertThat(escalations().auto(tenant, ctx, AGENT).created()).isTrue();
    }

    @Test
    void auto_comparesNumbersRight_andMissingKeysNeverMatchOrFail() throws Exception {
        String tenant = newTenant();
        String base = "\"entity_type\": \"deal\", \"entity_id\": \"D-" + UUID.randomUUID() + "\"";

        assertThat(escalations()
                        .auto(tenant, context("{" + base + ", \"deal_value_sar\": 100000.5}"), AGENT)
                        .matchedRules())
                .containsExactly("rule_high_value_deal");
        assertThat(escalations()
                        .auto(tenant, context("{" + base + ", \"deal_value_sar\": 100000}"), AGENT)
                        .escalation())
                .isNull();
        assertThat(escalations()
                        .auto(tenant, context("{" + base + ", \"days_since_last_response\": 5.5}"), AGENT)
                        .matchedRules())
                .containsExactly("rule_no_response_5d");
        assertThat(escalations()
                        .auto(tenant, context("{" + base + ", \"delivery_failures\": 3.0}"), AGENT)
                        .matchedRules())
                .containsExactly("rule_delivery_failed_3x");
        assertThat(escalations()
                        .auto(tenant, context("{" + base + ", \"consent_expired\": \"yes\"}"), AGENT)
                        .matchedRules())
                .isEmpty();
        assertThat(escalations().auto(tenant, context("{" + base + "}"), AGENT).matchedRules())
                .isEmpty();
    }

    @Test
    void concurrentAutoChecks_openOnePacket() throws Exception {
        String tenant = newTenant();
        AutoContext ctx = context("{\"entity_type\": \"deal\", \"entity_id\": \"D-race\", \"deal_value_sar\": 2e5}");

        List<String> ids = Race.run(
                8, () -> escalations().auto(tenant, ctx, AGENT).escalation().id());

        assertThat(new HashSet<>(ids)).hasSize(1);
        assertThat(escalations().list(tenant, EscalationQuery.openQueue(50)).items())
                .hasSize(1);
    }

    // ---- sessions

    private Decision transfer(String tenant, String message) {
        return policies.current(tenant).route(RouteRequest.of(message));
    }

    @Test
    void transfer_opensOnePacketPerSession_andResolvingReleasesTheSession() throws Exception {
        String tenant = newTenant();
        Decision decision = transfer(tenant, "我要人工客服");

        List<Boolean> opened = Race.run(
                6,
                () -> escalations()
                        .openForSession(tenant, "s-1", "d-1", decision, "我要人工客服", Priority.HIGH)
                        .isPresent());

        assertThat(opened).filteredOn(Boolean::booleanValue).hasSize(1);
        Escalation packet = escalations()
                .list(tenant, EscalationQuery.openQueue(50))
                .items()
                .getFirst();
        assertThat(packet.content().reason()).isEqualTo(EscalationReason.HUMAN_REQUESTED);
        assertThat(packet.content().sessionId()).isEqualTo("s-1");
        assertThat(packet.content().entityType()).isEqualTo("session");
        assertThat(packet.content().i18n().get(Language.ZH).title()).isEqualTo("客户要求人工服务");
        var session = stores().sessions().find(tenant, "s-1").orElseThrow();
        assertThat(session.mode()).isEqualTo(SessionMode.HUMAN_ACTIVE);
        assertThat(session.escalationId()).isEqualTo(packet.id());

        escalations().resolve(tenant, packet.id(), approve(), ALICE);

        var released = stores().sessions().find(tenant, "s-1").orElseThrow();
        assertThat(released.mode()).isEqualTo(SessionMode.BOT_ACTIVE);
        assertThat(released.escalationId()).isNull();
        assertThat(trail(tenant, packet.id()))
                .containsExactly(
                        EventType.ESCALATION_CREATED,
                        EventType.SESSION_TRANSFERRED,
                        EventType.ESCALATION_RESOLVED,
                        EventType.SESSION_RELEASED);
    }

    @Test
    void cancellingReleasesTheSession_unlessThePolicySaysNot() throws Exception {
        String tenant = newTenant();
        Decision complaint = transfer(tenant, "I want to file a complaint about your service");
        Escalation first = escalations()
                .openForSession(tenant, "s-2", "d-2", complaint, "complaint", Priority.MEDIUM)
                .orElseThrow();
        assertThat(first.content().reason()).isEqualTo(EscalationReason.CUSTOMER_COMPLAINT);

        escalations().cancel(tenant, first.id(), "customer left", AGENT);
        assertThat(stores().sessions().find(tenant, "s-2").orElseThrow().mode()).isEqualTo(SessionMode.BOT_ACTIVE);

        ObjectNode policy = (ObjectNode) JSON.readTree(Policies.defaultDocument());
        ((ObjectNode) policy.get("transfer")).put("release_session_on_resolve", false);
        policies.update(tenant, policy, "admin");
        Escalation second = escalations()
                .openForSession(tenant, "s-2", "d-3", complaint, "complaint", Priority.MEDIUM)
                .orElseThrow();
        escalations().resolve(tenant, second.id(), approve(), ALICE);
        assertThat(stores().sessions().find(tenant, "s-2").orElseThrow().mode()).isEqualTo(SessionMode.HUMAN_ACTIVE);
    }

    // ---- resume

    @Test
    void pullResume_consumesOnce() {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);

        assertThat(conflict(() -> escalations().consume(tenant, packet.resumeToken())))
                .isEqualTo("not_resolved");
        escalations().resolve(tenant, packet.id(), approve(), ALICE);
        Escalation consumed = escalations().consume(tenant, packet.resumeToken());

        assertThat(consumed.state().resume().state()).isEqualTo(ResumeState.CONSUMED);
        assertThat(consumed.state().resolution().actionTaken()).isEqualTo("approved");
        assertThat(conflict(() -> escalations().consume(tenant, packet.resumeToken())))
                .isEqualTo("already_consumed");
        assertThatThrownBy(() -> escalations().consume(tenant, "no-such-token")).isInstanceOf(UnknownResumeToken.class);
        assertThat(trail(tenant, packet.id())).endsWith(EventType.ESCALATION_RESUMED);
    }

    @Test
    void concurrentPulls_consumeOnce() throws Exception {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);
        escalations().resolve(tenant, packet.id(), approve(), ALICE);

        List<String> outcomes = Race.run(16, () -> {
            try {
                escalations().consume(tenant, packet.resumeToken());
                return "consumed";
            } catch (LifecycleConflict e) {
                return e.code();
            }
        });

        assertThat(outcomes).filteredOn("consumed"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("already_consumed"::equals).hasSize(15);
    }

    @Test
    void pushResume_withoutHandler_isRecordedAsNoHandler_andPullStillWorks() {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);

        assertThat(conflict(() -> escalations().requestResume(tenant, packet.id(), AGENT)))
                .isEqualTo("not_resolved");
        escalations().resolve(tenant, packet.id(), approve(), ALICE);
        LifecycleConflict noHandler = org.junit.jupiter.api.Assertions.assertThrows(
                LifecycleConflict.class, () -> escalations().requestResume(tenant, packet.id(), AGENT));

        assertThat(noHandler.code()).isEqualTo("no_handler");
        assertThat(escalations().get(tenant, packet.id()).state().resume().state())
                .isEqualTo(ResumeState.NO_HANDLER);
        assertThat(escalations()
                        .consume(tenant, packet.resumeToken())
                        .state()
                        .resume()
                        .state())
                .isEqualTo(ResumeState.CONSUMED);
    }

    @Test
    void pushResume_callsTheWorkflowHandlerOnce_withTheTokenAndDecision() throws Exception {
        String tenant = newTenant();
        String workflow = "wf-" + UUID.randomUUID();
        List<ResumeRequest> calls = new CopyOnWriteArrayList<>();
        escalations().onResume(workflow, calls::add);
        EscalationContent content = EscalationContent.builder("t", "deal", "D-p", EscalationReason.TIMEOUT)
                .workflow(workflow, "step")
                .build();
        Escalation packet = escalations().create(tenant, content, AGENT);

        Escalation resolved =
                escalations().resolve(tenant, packet.id(), new Command.Resolve("approved", null, null, true), ALICE);
        assertThat(resolved.state().resume().state()).isIn(ResumeState.PENDING, ResumeState.DELIVERED);
        Escalation delivered = awaitResume(tenant, packet.id(), ResumeState.DELIVERED);

        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().resumeToken()).isEqualTo(packet.resumeToken());
        assertThat(calls.getFirst().resolution().actionTaken()).isEqualTo("approved");
        assertThat(delivered.state().resume().attempts()).isEqualTo(1);
        assertThat(conflict(() -> escalations().consume(tenant, packet.resumeToken())))
                .isEqualTo("already_consumed");
        assertThat(conflict(() -> escalations().requestResume(tenant, packet.id(), AGENT)))
                .isEqualTo("already_consumed");
        assertThat(trail(tenant, packet.id()))
                .containsExactly(
                        EventType.ESCALATION_CREATED,
                        EventType.ESCALATION_RESOLVED,
                        EventType.ESCALATION_RESUME_REQUESTED,
                        EventType.ESCALATION_RESUMED);
    }

    @Test
    void pushResume_thatFails_isRecorded_andCanBeAskedAgain() throws Exception {
        String tenant = newTenant();
        String workflow = "wf-" + UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        escalations().onResume(workflow, request -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("workflow engine down");
            }
        });
        Escalation packet = escalations()
                .create(
                        tenant,
                        EscalationContent.builder("t", "deal", "D-f", EscalationReason.TIMEOUT)
                                .workflow(workflow, null)
                                .build(),
                        AGENT);
        escalations().resolve(tenant, packet.id(), new Command.Resolve("approved", null, null, true), ALICE);

        Escalation failed = awaitResume(tenant, packet.id(), ResumeState.FAILED);
        assertThat(failed.state().resume().lastError()).contains("workflow engine down");
        escalations().requestResume(tenant, packet.id(), AGENT);
        Escalation delivered = awaitResume(tenant, packet.id(), ResumeState.DELIVERED);

        assertThat(delivered.state().resume().attempts()).isEqualTo(2);
        assertThat(calls.get()).isEqualTo(2);
    }

    private Escalation awaitResume(String tenant, String id, ResumeState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Escalation packet = escalations().get(tenant, id);
        while (packet.state().resume().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(10);
            packet = escalations().get(tenant, id);
        }
        assertThat(packet.state().resume().state()).isEqualTo(state);
        return packet;
    }

    // ---- waiting

    @Test
    void await_returnsAsSoonAsThePacketIsSettled_orItsCurrentStateAtTheTimeout() throws Exception {
        String tenant = newTenant();
        Escalation packet = create(tenant, Priority.HIGH);

        long start = System.nanoTime();
        Escalation timedOut = escalations().await(tenant, packet.id(), Duration.ofMillis(200));
        assertThat(timedOut.status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        Thread resolver = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            escalations().resolve(tenant, packet.id(), approve(), ALICE);
        });
        start = System.nanoTime();
        Escalation settled = escalations().await(tenant, packet.id(), Duration.ofSeconds(30));
        resolver.join();

        assertThat(settled.status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(escalations()
                        .await(tenant, packet.id(), Duration.ofSeconds(30))
                        .status())
                .isEqualTo(EscalationStatus.RESOLVED);
    }

    // ---- statistics

    @Test
    void stats_countAndTimeTheTenantsPackets() throws Exception {
        String tenant = newTenant();
        // Before the scope: neither the packet nor the rule it matched is counted.
        escalations()
                .auto(
                        tenant,
                        context("{\"entity_type\": \"deal\", \"entity_id\": \"D-old\", \"deal_value_sar\": 2e5}"),
                        AGENT);
        clock.advance(Duration.ofMinutes(1));
        Instant since = clock.instant();
        List<Escalation> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(create(tenant, i < 2 ? Priority.HIGH : Priority.LOW));
        }
        escalations()
                .auto(
                        tenant,
                        context("{\"entity_type\": \"deal\", \"entity_id\": \"D-s\", \"deal_value_sar\": 2e5}"),
                        AGENT);
        clock.advance(Duration.ofMinutes(10));
        escalations().resolve(tenant, created.get(0).id(), approve(), ALICE);
        clock.advance(Duration.ofMinutes(20));
        escalations().resolve(tenant, created.get(1).id(), approve(), ALICE);
        escalations().cancel(tenant, created.get(2).id(), null, AGENT);

        EscalationStats stats = escalations().stats(tenant, since);

        assertThat(stats.total()).isEqualTo(5);
        assertThat(stats.byPriority()).containsEntry("high", 3L).containsEntry("low", 2L);
        assertThat(stats.byStatus())
                .containsEntry("resolved", 2L)
                .containsEntry("cancelled", 1L)
                .containsEntry("pending", 2L);
        assertThat(stats.byReason()).containsEntry("high_value_deal", 5L);
        assertThat(stats.byTargetRole()).containsEntry("manager", 5L);
        assertThat(stats.byRule()).containsExactlyEntriesOf(java.util.Map.of("rule_high_value_deal", 1L));
        assertThat(stats.avgResolutionMinutes()).isEqualTo(20.0);
        assertThat(stats.p50ResolutionMinutes()).isEqualTo(20.0);
        assertThat(stats.p90ResolutionMinutes()).isEqualTo(28.0);
        assertThat(stats.oldestPendingHours()).isEqualTo(0.5);
        assertThat(stats.overdueCount()).isZero();
        assertThat(stats.slaMetRatio()).isEqualTo(1.0);
        assertThat(stats.resolutionHistogram())
                .extracting(EscalationStats.ResolutionBucket::count)
                .containsExactly(1L, 1L, 0L, 0L, 0L, 0L); // 10 and 30 minutes
        assertThat(stats.resolutionHistogram())
                .extracting(EscalationStats.ResolutionBucket::upToMinutes)
                .containsExactly(15L, 60L, 240L, 1_440L, 4_320L, null);

        clock.advance(Duration.ofHours(5));
        assertThat(escalations().stats(tenant, since).overdueCount()).isEqualTo(2);
        assertThat(escalations().stats(tenant, clock.instant()).total()).isZero();
    }

    @Test
    void stats_percentilesAndHistogramAgreeWithTheResolutionTimes_acrossBuckets() throws Exception {
        java.util.Random random = new java.util.Random(20261121);
        for (int round = 0; round < 3; round++) {
            String tenant = newTenant();
            Instant since = clock.instant();
            int n = 5 + random.nextInt(40);
            List<Escalation> created = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                created.add(create(tenant, Priority.MEDIUM));
            }
            // Whole minutes from 1 to 6,000, so every bucket (15, 60, 240, 1,440, 4,320, more) can get some; ties too.
            List<Long> minutes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                minutes.add(random.nextInt(4) == 0 ? 30L : 1 + (long) random.nextInt(6_000));
            }
            List<Long> sorted = minutes.stream().sorted().toList();
            long elapsed = 0;
            for (int i = 0; i < n; i++) {
                clock.advance(Duration.ofMinutes(sorted.get(i) - elapsed));
                elapsed = sorted.get(i);
                escalations().resolve(tenant, created.get(i).id(), approve(), ALICE);
            }

            EscalationStats stats = escalations().stats(tenant, since);

            assertThat(stats.p50ResolutionMinutes()).isEqualTo(percentile(sorted, 0.5));
            assertThat(stats.p90ResolutionMinutes()).isEqualTo(percentile(sorted, 0.9));
            assertThat(stats.avgResolutionMinutes())
                    .isCloseTo(
                            sorted.stream().mapToLong(Long::longValue).average().orElseThrow(), within(0.01));
            List<Long> bounds = EscalationStats.HISTOGRAM_BOUNDS_MINUTES;
            long[] expected = new long[bounds.size() + 1];
            for (long m : sorted) {
                int bucket = 0;
                while (bucket < bounds.size() && m >= bounds.get(bucket)) {
                    bucket++;
                }
                expected[bucket]++;
            }
            assertThat(stats.resolutionHistogram())
                    .extracting(EscalationStats.ResolutionBucket::count)
                    .containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Long[]::new));
            assertThat(stats.byStatus()).containsExactly(java.util.Map.entry("resolved", (long) n));
        }
    }

    /** The quantile interpolated between the two nearest ranks, rounded to hundredths as the stats are. */
    private static double percentile(List<Long> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int lower = (int) Math.floor(rank);
        double value = lower + 1 >= sorted.size()
                ? sorted.get(lower)
                : sorted.get(lower) + (sorted.get(lower + 1) - sorted.get(lower)) * (rank - lower);
        return Math.round(value * 100) / 100.0;
    }

    @Test
    void events_areTheAuditTrail_inOrder_withActorsAndData() {
        String tenant = newTenant();
        String id = create(tenant, Priority.HIGH).id();
        escalations().claim(tenant, id, ALICE);
        escalations().apply(tenant, id, new Command.Unassign(), ALICE, null);
        escalations().claim(tenant, id, BOB);
        escalations().resolve(tenant, id, approve(), BOB);

        List<Event> events = escalations().events(tenant, id);

        assertThat(events)
                .extracting(Event::type)
                .containsExactly(
                        EventType.ESCALATION_CREATED,
                        EventType.ESCALATION_ASSIGNED,
                        EventType.ESCALATION_UNASSIGNED,
                        EventType.ESCALATION_ASSIGNED,
                        EventType.ESCALATION_RESOLVED);
        assertThat(events).extracting(Event::actor).containsExactly("bot-1", "alice", "alice", "bob", "bob");
        JsonNode resolution = events.getLast().data().get("resolution");
        assertThat(resolution.get("action_taken").asText()).isEqualTo("approved");
        assertThat(resolution.get("resolved_by").asText()).isEqualTo("bob");
    }
}
