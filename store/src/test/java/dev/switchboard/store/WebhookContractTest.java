package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.policy.Policies;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import dev.switchboard.webhook.Delivery;
import dev.switchboard.webhook.DeliveryState;
import dev.switchboard.webhook.Outgoing;
import dev.switchboard.webhook.RetrySchedule;
import dev.switchboard.webhook.Webhook;
import dev.switchboard.webhook.WebhookSignature;
import dev.switchboard.webhook.WebhookStore;
import dev.switchboard.webhook.WebhookStore.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhook store (SPEC §4) on each real database: subscriptions, the outbox rows written with each event, and the
 * claims of the dispatcher — exactly once under concurrent claimers, in order per packet, under a lease — with
 * outcomes, manual retries and the delivery listing. Each test works in a tenant of its own; claims are not per
 * tenant, so every test starts with no due delivery left over by another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor AGENT = new Actor("bot-1", Role.AGENT);
    private static final Actor ALICE = new Actor("alice", Role.OPERATOR);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant END_OF_TIME = Instant.parse("2999-01-01T00:00:00Z");
    private static final Set<EventType> LIFECYCLE =
            Set.of(EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED, EventType.ESCALATION_RESOLVED);

    protected final ManualClock clock = new ManualClock(Instant.parse("2026-11-19T13:00:00Z"));
    private Policies policies;
    private Tenants tenants;
    private Escalations escalations;

    protected abstract Stores stores();

    private WebhookStore store() {
        return stores().webhooks();
    }

    private Escalations escalations() {
        if (escalations == null) {
            policies = new Policies(stores().policies(), clock);
            tenants = new Tenants(stores().tenants(), clock);
            escalations = new Escalations(stores().escalations(), policies, tenants, clock);
        }
        return escalations;
    }

    /** Delivers whatever earlier tests left pending, so that a claim here returns this test's deliveries only. */
    @BeforeEach
    void settleTheOutbox() {
        for (List<Outgoing> due = claimAt(END_OF_TIME, 500); !due.isEmpty(); due = claimAt(END_OF_TIME, 500)) {
            for (Outgoing outgoing : due) {
                store().record(outgoing.delivery(), new Outcome(DeliveryState.DELIVERED, 200, null, null, END_OF_TIME));
            }
        }
    }

    private String newTenant() {
        escalations();
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.createTenant(id, "Tenant " + id, Language.EN, ZoneId.of("UTC"), Policies.defaultDocument())
                .orElseThrow();
        return id;
    }

    private Webhook webhook(String tenant, String name, Set<EventType> events, Set<String> workflows) {
        Instant now = clock.instant();
        return new Webhook(
                tenant,
                name,
                "https://hooks.example.com/" + name,
                events,
                workflows,
                WebhookSignature.newSecret(),
                now,
                now);
    }

    private Webhook subscribe(String tenant, String name, Set<EventType> events, Set<String> workflows) {
        Webhook webhook = webhook(tenant, name, events, workflows);
        assertThat(store().put(webhook)).isTrue();
        return webhook;
    }

    private Webhook subscribe(String tenant, String name, Set<EventType> events) {
        return subscribe(tenant, name, events, Set.of());
    }

    /** A packet of {@code workflow} (null: none), which writes an {@code escalation.created} event. */
    private Escalation packet(String tenant, String workflow) {
        EscalationContent.Builder content = EscalationContent.builder(
                "Quote needs approval", "deal", "D-" + UUID.randomUUID(), EscalationReason.TIMEOUT);
        if (workflow != null) {
            content.workflow(workflow, "validate");
        }
        return escalations().create(tenant, content.build(), AGENT);
    }

    private static Command.Resolve approve() {
        return new Command.Resolve("approved", "fine", JSON.createObjectNode().put("discount", 5), false);
    }

    private List<Outgoing> claimAt(Instant now, int limit) {
        return store().claim(now, now.plus(LEASE), limit);
    }

    private List<Outgoing> claim(int limit) {
        return claimAt(clock.instant(), limit);
    }

    private List<Delivery> deliveries(String tenant, String webhook) {
        return store().deliveries(tenant, webhook, null, null, 1000);
    }

    private Delivery stored(Delivery delivery) {
        return store().delivery(delivery.tenantId(), delivery.webhook(), delivery.id())
                .orElseThrow();
    }

    private boolean record(Delivery claimed, DeliveryState state, Integer status) {
        return store().record(
                        claimed,
                        new Outcome(
                                state,
                                status,
                                state == DeliveryState.DELIVERED ? null : "HTTP " + status,
                                null,
                                clock.instant()));
    }

    private static List<String> ids(List<Outgoing> claimed) {
        return claimed.stream().map(o -> o.delivery().id()).toList();
    }

    private static List<String> deliveryIds(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }

    // ---- subscriptions

    @Test
    void put_createsOnce_andAReplacementKeepsTheSecretAndCreationTime() {
        String tenant = newTenant();
        Webhook first = webhook(tenant, "crm", Set.of(EventType.ESCALATION_CREATED), Set.of());

        assertThat(store().put(first)).isTrue();
        assertThat(store().find(tenant, "crm")).contains(first);

        clock.advance(Duration.ofMinutes(5));
        Webhook replacement = new Webhook(
                tenant,
                "crm",
                "https://other.example.com/in",
                Set.of(EventType.ESCALATION_ASSIGNED, EventType.ESCALATION_RESOLVED),
                Set.of("quote_approval"),
                WebhookSignature.newSecret(),
                clock.instant(),
                clock.instant());
        assertThat(store().put(replacement)).isFalse();

        Webhook stored = store().find(tenant, "crm").orElseThrow();
        assertThat(stored.url()).isEqualTo("https://other.example.com/in");
        assertThat(stored.events())
                .containsExactlyInAnyOrder(EventType.ESCALATION_ASSIGNED, EventType.ESCALATION_RESOLVED);
        assertThat(stored.workflows()).containsExactly("quote_approval");
        assertThat(stored.secret()).isEqualTo(first.secret());
        assertThat(stored.createdAt()).isEqualTo(first.createdAt());
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());

        // A replacement that happens to carry the stored secret is still a replacement.
        assertThat(store().put(new Webhook(
                        tenant,
                        "crm",
                        stored.url(),
                        stored.events(),
                        stored.workflows(),
                        stored.secret(),
                        clock.instant(),
                        clock.instant())))
                .isFalse();

        // The fan-out follows the replaced event types and workflows, not the first ones.
        Escalation quote = packet(tenant, "quote_approval");
        Escalation other = packet(tenant, "refunds");
        escalations().claim(tenant, quote.id(), ALICE);
        escalations().claim(tenant, other.id(), ALICE);
        assertThat(deliveries(tenant, "crm")).singleElement().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo(EventType.ESCALATION_ASSIGNED);
            assertThat(d.escalationId()).isEqualTo(quote.id());
        });
    }

    @Test
    void ofConcurrentPutsOfANewName_exactlyOneCreates_andItsSecretStays() throws Exception {
        String tenant = newTenant();

        List<Webhook> candidates = new CopyOnWriteArrayList<>();
        List<Boolean> created = Race.run(8, () -> {
            Webhook candidate = webhook(tenant, "crm", Set.of(EventType.ESCALATION_CREATED), Set.of());
            boolean mine = store().put(candidate);
            if (mine) {
                candidates.add(candidate);
            }
            return mine;
        });

        assertThat(created).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(store().find(tenant, "crm").orElseThrow().secret())
                .isEqualTo(candidates.getFirst().secret());
        assertThat(store().list(tenant)).hasSize(1);
    }

    @Test
    void find_list_andDelete_stayWithinTheirTenant() {
        String tenant = newTenant();
        String other = newTenant();
        Webhook b = subscribe(tenant, "b", Set.of(EventType.ESCALATION_CREATED));
        Webhook a = subscribe(tenant, "a", Set.of(EventType.ESCALATION_CREATED, EventType.ESCALATION_RESOLVED));
        Webhook othersA = subscribe(other, "a", Set.of(EventType.ESCALATION_CREATED));

        assertThat(store().list(tenant)).containsExactly(a, b);
        assertThat(store().list(other)).containsExactly(othersA);
        assertThat(store().find(other, "b")).isEmpty();
        assertThat(store().find(tenant, "nope")).isEmpty();
        assertThat(store().list(newTenant())).isEmpty();

        assertThat(store().delete(tenant, "a")).isTrue();
        assertThat(store().delete(tenant, "a")).isFalse();
        assertThat(store().delete(tenant, "nope")).isFalse();

        assertThat(store().find(tenant, "a")).isEmpty();
        assertThat(store().list(tenant)).containsExactly(b);
        assertThat(store().find(other, "a")).contains(othersA);
    }

    @Test
    void delete_removesTheSubscriptionsPendingDeliveries_andNoOtherOnes() {
        String tenant = newTenant();
        String other = newTenant();
        subscribe(tenant, "gone", Set.of(EventType.ESCALATION_CREATED));
        subscribe(tenant, "kept", Set.of(EventType.ESCALATION_CREATED));
        subscribe(other, "gone", Set.of(EventType.ESCALATION_CREATED));
        packet(tenant, null);
        packet(other, null);
        assertThat(deliveries(tenant, "gone")).hasSize(1);

        assertThat(store().delete(tenant, "gone")).isTrue();

        assertThat(deliveries(tenant, "gone")).isEmpty();
        List<Outgoing> due = claim(100);
        assertThat(due)
                .extracting(o -> o.delivery().tenantId() + "/" + o.delivery().webhook())
                .containsExactlyInAnyOrder(tenant + "/kept", other + "/gone");

        // Subscribing again under the same name starts afresh: created, with nothing of the old one's outbox.
        assertThat(store().put(webhook(tenant, "gone", Set.of(EventType.ESCALATION_CREATED), Set.of())))
                .isTrue();
        assertThat(deliveries(tenant, "gone")).isEmpty();
        assertThat(claim(100)).isEmpty();
    }

    @Test
    void anyTakes_answersForTheTenantsSubscriptions_typesAndWorkflows() {
        String tenant = newTenant();
        subscribe(tenant, "all", Set.of(EventType.ESCALATION_CREATED));
        subscribe(tenant, "quotes", Set.of(EventType.ESCALATION_RESUME_REQUESTED), Set.of("quote_approval"));

        assertThat(store().anyTakes(tenant, EventType.ESCALATION_CREATED, null)).isTrue();
        assertThat(store().anyTakes(tenant, EventType.ESCALATION_CREATED, "refunds"))
                .isTrue();
        assertThat(store().anyTakes(tenant, EventType.ESCALATION_RESUME_REQUESTED, "quote_approval"))
                .isTrue();
        assertThat(store().anyTakes(tenant, EventType.ESCALATION_RESUME_REQUESTED, "refunds"))
                .isFalse();
        assertThat(store().anyTakes(tenant, EventType.ESCALATION_RESUME_REQUESTED, null))
                .isFalse();
        assertThat(store().anyTakes(tenant, EventType.ESCALATION_RESOLVED, null))
                .isFalse();
        assertThat(store().anyTakes(newTenant(), EventType.ESCALATION_CREATED, null))
                .isFalse();
    }

    // ---- fan-out

    @Test
    void events_fanOut_toEachSubscriptionThatTakesThem_onceEach() throws Exception {
        String tenant = newTenant();
        String other = newTenant();
        List<Webhook> subscriptions = List.of(
                subscribe(tenant, "all", LIFECYCLE),
                subscribe(tenant, "created", Set.of(EventType.ESCALATION_CREATED)),
                subscribe(tenant, "quotes", LIFECYCLE, Set.of("quote_approval")),
                subscribe(
                        tenant,
                        "quotes-or-refunds",
                        Set.of(EventType.ESCALATION_RESOLVED),
                        Set.of("quote_approval", "refunds")));
        subscribe(tenant, "policy", Set.of(EventType.POLICY_UPDATED));
        subscribe(tenant, "policy-of-quotes", Set.of(EventType.POLICY_UPDATED), Set.of("quote_approval"));
        subscribe(other, "all", Set.copyOf(List.of(EventType.values())));

        Escalation quote = packet(tenant, "quote_approval");
        Escalation refund = packet(tenant, "refunds");
        Escalation plain = packet(tenant, null);
        Escalation cancelled = packet(tenant, "quote_approval");
        for (Escalation p : List.of(quote, refund, plain)) {
            escalations().claim(tenant, p.id(), ALICE);
            escalations().resolve(tenant, p.id(), approve(), ALICE);
        }
        escalations().cancel(tenant, cancelled.id(), "customer came back", AGENT);
        policies.update(tenant, JSON.readTree(Policies.defaultDocument()), "admin");

        Map<String, String> workflows = new HashMap<>();
        workflows.put(quote.id(), "quote_approval");
        workflows.put(refund.id(), "refunds");
        workflows.put(cancelled.id(), "quote_approval");
        List<Event> events = new ArrayList<>();
        for (Escalation p : List.of(quote, refund, plain, cancelled)) {
            events.addAll(escalations().events(tenant, p.id()));
        }
        assertThat(events).hasSize(11);

        for (Webhook subscription : subscriptions) {
            List<String> expected = events.stream()
                    .filter(e -> subscription.takes(e.type(), workflows.get(e.escalationId())))
                    .map(Event::id)
                    .toList();
            assertThat(deliveries(tenant, subscription.name()))
                    .as("deliveries of %s", subscription.name())
                    .extracting(Delivery::eventId)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        // Spelled out: all 3 lifecycle events of 3 packets and the cancelled one's creation; only creations; ...
        assertThat(deliveries(tenant, "all")).hasSize(10);
        assertThat(deliveries(tenant, "created")).hasSize(4);
        assertThat(deliveries(tenant, "quotes")).hasSize(4);
        assertThat(deliveries(tenant, "quotes-or-refunds")).hasSize(2);
        // A policy event is about no packet: it goes to subscriptions without a workflows filter only.
        assertThat(deliveries(tenant, "policy")).singleElement().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo(EventType.POLICY_UPDATED);
            assertThat(d.escalationId()).isNull();
        });
        assertThat(deliveries(tenant, "policy-of-quotes")).isEmpty();
        assertThat(deliveries(tenant, "all"))
                .extracting(Delivery::eventType)
                .doesNotContain(EventType.ESCALATION_CANCELLED, EventType.POLICY_UPDATED);
        assertThat(deliveries(other, "all")).isEmpty();

        Event created = escalations().events(tenant, quote.id()).getFirst();
        Delivery delivery = deliveries(tenant, "quotes").getLast();
        assertThat(delivery.eventId()).isEqualTo(created.id());
        assertThat(delivery.tenantId()).isEqualTo(tenant);
        assertThat(delivery.webhook()).isEqualTo("quotes");
        assertThat(delivery.eventType()).isEqualTo(EventType.ESCALATION_CREATED);
        assertThat(delivery.escalationId()).isEqualTo(quote.id());
        assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.lastStatus()).isNull();
        assertThat(delivery.lastError()).isNull();
        assertThat(delivery.nextAttemptAt()).isEqualTo(created.occurredAt());
        assertThat(delivery.giveUpAt()).isEqualTo(created.occurredAt().plus(RetrySchedule.GIVE_UP_AFTER));
        assertThat(delivery.createdAt()).isEqualTo(created.occurredAt());

        // Another tenant's events reach its own subscription only.
        Escalation theirs = packet(other, "quote_approval");
        assertThat(deliveries(other, "all"))
                .singleElement()
                .extracting(Delivery::escalationId)
                .isEqualTo(theirs.id());
        assertThat(deliveries(tenant, "all")).hasSize(10);
    }

    @Test
    void aClaimedDelivery_carriesItsEvent_andItsSubscriptionsUrlAndSecret() {
        String tenant = newTenant();
        Webhook crm = subscribe(tenant, "crm", Set.of(EventType.ESCALATION_CREATED));
        Escalation p = packet(tenant, "quote_approval");
        Event created = escalations().events(tenant, p.id()).getFirst();

        Outgoing outgoing = claim(10).getFirst();

        assertThat(outgoing.url()).isEqualTo(crm.url());
        assertThat(outgoing.secret()).isEqualTo(crm.secret());
        assertThat(outgoing.event()).isEqualTo(created);
        assertThat(outgoing.delivery().eventId()).isEqualTo(created.id());
        assertThat(outgoing.delivery().attempts()).isEqualTo(1);
        assertThat(outgoing.delivery().nextAttemptAt())
                .isEqualTo(clock.instant().plus(LEASE));
        assertThat(stored(outgoing.delivery())).isEqualTo(outgoing.delivery());
    }

    // ---- claims

    @Test
    void concurrentClaims_claimEveryDueDeliveryExactlyOnce() throws Exception {
        String tenant = newTenant();
        subscribe(tenant, "a", Set.of(EventType.ESCALATION_CREATED));
        subscribe(tenant, "b", Set.of(EventType.ESCALATION_CREATED));
        for (int i = 0; i < 100; i++) {
            packet(tenant, null);
        }
        Set<String> due = new HashSet<>(deliveryIds(deliveries(tenant, "a")));
        due.addAll(deliveryIds(deliveries(tenant, "b")));
        assertThat(due).hasSize(200);
        Instant now = clock.instant();

        List<List<Outgoing>> perThread = Race.run(8, () -> {
            List<Outgoing> mine = new ArrayList<>();
            for (List<Outgoing> batch = store().claim(now, now.plus(LEASE), 5);
                    !batch.isEmpty();
                    batch = store().claim(now, now.plus(LEASE), 5)) {
                assertThat(batch).hasSizeLessThanOrEqualTo(5);
                mine.addAll(batch);
            }
            return mine;
        });

        List<Outgoing> claimed = perThread.stream().flatMap(List::stream).toList();
        List<String> claimedIds = ids(claimed);
        assertThat(claimedIds).doesNotHaveDuplicates().hasSize(200);
        assertThat(new HashSet<>(claimedIds)).isEqualTo(due);
        assertThat(claimed).allSatisfy(o -> assertThat(o.delivery().attempts()).isEqualTo(1));
        assertThat(claimed)
                .allSatisfy(o -> assertThat(stored(o.delivery()).attempts()).isEqualTo(1));
        assertThat(claim(100)).isEmpty();

        for (Outgoing o : claimed) {
            assertThat(record(o.delivery(), DeliveryState.DELIVERED, 200)).isTrue();
        }
        clock.advance(LEASE.multipliedBy(2));
        assertThat(claim(1000)).isEmpty();
        assertThat(store().deliveries(tenant, "a", DeliveryState.DELIVERED, null, 1000))
                .hasSize(100);
        assertThat(store().deliveries(tenant, "b", DeliveryState.DELIVERED, null, 1000))
                .hasSize(100);
    }

    @Test
    void concurrentClaims_takeOnlyTheOldestPendingDeliveryOfEachPacket() throws Exception {
        String tenant = newTenant();
        subscribe(tenant, "w", Set.of(EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED));
        List<Escalation> packets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Escalation p = packet(tenant, null);
            escalations().claim(tenant, p.id(), ALICE);
            packets.add(p);
        }
        Map<EventType, Set<String>> byType = deliveries(tenant, "w").stream()
                .collect(Collectors.groupingBy(
                        Delivery::eventType, Collectors.mapping(Delivery::id, Collectors.toSet())));
        assertThat(byType.get(EventType.ESCALATION_CREATED)).hasSize(40);
        assertThat(byType.get(EventType.ESCALATION_ASSIGNED)).hasSize(40);

        List<Outgoing> first = raceToClaimAll(8, 3);
        assertThat(ids(first)).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids(first))).isEqualTo(byType.get(EventType.ESCALATION_CREATED));

        for (Outgoing o : first) {
            assertThat(record(o.delivery(), DeliveryState.DELIVERED, 204)).isTrue();
        }
        List<Outgoing> second = raceToClaimAll(8, 3);
        assertThat(ids(second)).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids(second))).isEqualTo(byType.get(EventType.ESCALATION_ASSIGNED));
    }

    /** {@code threads} claimers released together, each claiming batches of {@code limit} until none is left. */
    private List<Outgoing> raceToClaimAll(int threads, int limit) throws Exception {
        Instant now = clock.instant();
        return Race.run(threads, () -> {
                    List<Outgoing> mine = new ArrayList<>();
                    for (List<Outgoing> batch = store().claim(now, now.plus(LEASE), limit);
                            !batch.isEmpty();
                            batch = store().claim(now, now.plus(LEASE), limit)) {
                        mine.addAll(batch);
                    }
                    return mine;
                })
                .stream()
                .flatMap(List::stream)
                .toList();
    }

    @Test
    void onlyTheOldestPendingDeliveryOfAPacket_isClaimable_perSubscription() {
        String tenant = newTenant();
        subscribe(tenant, "w", LIFECYCLE);
        subscribe(tenant, "v", Set.of(EventType.ESCALATION_ASSIGNED));
        Escalation p = packet(tenant, null);
        escalations().claim(tenant, p.id(), ALICE);
        escalations().resolve(tenant, p.id(), approve(), ALICE);
        clock.advance(Duration.ofSeconds(1));
        Escalation q = packet(tenant, null);

        List<Delivery> ofW = deliveries(tenant, "w").reversed();
        assertThat(ofW)
                .extracting(Delivery::eventType)
                .containsExactly(
                        EventType.ESCALATION_CREATED,
                        EventType.ESCALATION_ASSIGNED,
                        EventType.ESCALATION_RESOLVED,
                        EventType.ESCALATION_CREATED);
        assertThat(ofW).extracting(Delivery::seq).isSorted().doesNotHaveDuplicates();
        Delivery p1 = ofW.get(0);
        Delivery p2 = ofW.get(1);
        Delivery p3 = ofW.get(2);
        Delivery q1 = ofW.get(3);
        Delivery vP = deliveries(tenant, "v").getFirst();

        // p's first event to w, q's (another packet) and p's second to v (another subscription) are each first.
        List<Outgoing> first = claim(100);
        assertThat(ids(first)).containsExactlyInAnyOrder(p1.id(), q1.id(), vP.id());
        assertThat(claim(100)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(claim(100))
                .as("p's later events wait behind its claimed first one")
                .isEmpty();

        Delivery claimedP1 = first.stream()
                .filter(o -> o.delivery().id().equals(p1.id()))
                .findFirst()
                .orElseThrow()
                .delivery();
        assertThat(record(claimedP1, DeliveryState.DELIVERED, 200)).isTrue();
        List<Outgoing> second = claim(100);
        assertThat(ids(second)).containsExactly(p2.id());

        // A delivery given up on no longer holds back the next one.
        assertThat(record(second.getFirst().delivery(), DeliveryState.FAILED, 500))
                .isTrue();
        List<Outgoing> third = claim(100);
        assertThat(ids(third)).containsExactly(p3.id());

        assertThat(record(third.getFirst().delivery(), DeliveryState.CANCELLED, null))
                .isTrue();
        assertThat(claim(100)).isEmpty();
    }

    @Test
    void aPendingOutcome_holdsThePacketsLaterDeliveriesBack_untilItsNextAttempt() {
        String tenant = newTenant();
        subscribe(tenant, "w", LIFECYCLE);
        Escalation p = packet(tenant, null);
        escalations().claim(tenant, p.id(), ALICE);
        List<Delivery> ofP = deliveries(tenant, "w").reversed();

        Delivery claimed = claim(10).getFirst().delivery();
        assertThat(claimed.id()).isEqualTo(ofP.getFirst().id());
        Instant next = clock.instant().plusSeconds(2);
        assertThat(store().record(claimed, new Outcome(DeliveryState.PENDING, 503, "HTTP 503", next, clock.instant())))
                .isTrue();

        Delivery waiting = stored(claimed);
        assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(waiting.lastStatus()).isEqualTo(503);
        assertThat(waiting.lastError()).isEqualTo("HTTP 503");
        assertThat(waiting.nextAttemptAt()).isEqualTo(next);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(claim(10)).isEmpty();

        clock.set(next);
        List<Outgoing> again = claim(10);
        assertThat(ids(again)).containsExactly(claimed.id());
        assertThat(again.getFirst().delivery().attempts()).isEqualTo(2);
    }

    @Test
    void aClaim_takesTheEarliestDueFirst_andNoMoreThanItsLimit() {
        String tenant = newTenant();
        subscribe(tenant, "w", Set.of(EventType.ESCALATION_CREATED));
        List<String> inOrder = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            packet(tenant, null);
            inOrder.add(deliveries(tenant, "w").getFirst().id());
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(ids(claim(2))).containsExactlyInAnyOrder(inOrder.get(0), inOrder.get(1));
        assertThat(ids(claim(2))).containsExactlyInAnyOrder(inOrder.get(2), inOrder.get(3));
        assertThat(ids(claim(2))).containsExactly(inOrder.get(4));
        assertThat(claim(2)).isEmpty();
    }

    @Test
    void aDeliveryNotYetDue_isNotClaimed() {
        String tenant = newTenant();
        subscribe(tenant, "w", Set.of(EventType.ESCALATION_CREATED));
        packet(tenant, null);
        Instant written = clock.instant();

        assertThat(claimAt(written.minusMillis(1), 10)).isEmpty();
        assertThat(claimAt(written, 10)).hasSize(1);
    }

    // ---- leases

    @Test
    void aLeasedDelivery_isClaimableAgainWhenTheLeaseRunsOut_andOnlyTheLatestClaimRecords() {
        String tenant = newTenant();
        subscribe(tenant, "w", Set.of(EventType.ESCALATION_CREATED, EventType.ESCALATION_ASSIGNED));
        Escalation p = packet(tenant, null);
        escalations().claim(tenant, p.id(), ALICE);
        List<Delivery> ofP = deliveries(tenant, "w").reversed();
        Instant leaseUntil = clock.instant().plus(LEASE);

        Delivery firstClaim = claim(10).getFirst().delivery();
        assertThat(firstClaim.id()).isEqualTo(ofP.getFirst().id());
        assertThat(firstClaim.attempts()).isEqualTo(1);
        assertThat(firstClaim.nextAttemptAt()).isEqualTo(leaseUntil);
        assertThat(stored(firstClaim).nextAttemptAt()).isEqualTo(leaseUntil);

        clock.set(leaseUntil.minusMillis(1));
        assertThat(claim(10))
                .as("leased, and the packet's next one waits behind it")
                .isEmpty();

        clock.set(leaseUntil);
        List<Outgoing> reclaimed = claim(10);
        assertThat(ids(reclaimed)).containsExactly(firstClaim.id());
        Delivery secondClaim = reclaimed.getFirst().delivery();
        assertThat(secondClaim.attempts()).isEqualTo(2);
        assertThat(secondClaim.nextAttemptAt()).isEqualTo(leaseUntil.plus(LEASE));

        clock.advance(Duration.ofSeconds(1));
        Delivery before = stored(secondClaim);
        assertThat(record(firstClaim, DeliveryState.DELIVERED, 200))
                .as("the stale claim")
                .isFalse();
        assertThat(record(firstClaim, DeliveryState.FAILED, 500)).isFalse();
        assertThat(stored(secondClaim)).isEqualTo(before);
        assertThat(before.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(before.attempts()).isEqualTo(2);
        assertThat(before.lastStatus()).isNull();

        assertThat(record(secondClaim, DeliveryState.DELIVERED, 200)).isTrue();
        Delivery delivered = stored(secondClaim);
        assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivered.lastStatus()).isEqualTo(200);
        assertThat(delivered.lastError()).isNull();
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.updatedAt()).isEqualTo(clock.instant());
        assertThat(record(secondClaim, DeliveryState.FAILED, 500))
                .as("recorded already")
                .isFalse();
        assertThat(stored(secondClaim).state()).isEqualTo(DeliveryState.DELIVERED);

        assertThat(ids(claim(10))).containsExactly(ofP.get(1).id());
    }

    // ---- manual retries

    @Test
    void retry_makesAFailedDeliveryPendingAgain_dueNow_withANewGiveUpTime() {
        String tenant = newTenant();
        String other = newTenant();
        subscribe(tenant, "w", Set.of(EventType.ESCALATION_CREATED));
        subscribe(tenant, "v", Set.of(EventType.ESCALATION_ASSIGNED));
        Escalation p = packet(tenant, null);
        Delivery claimed = claim(10).getFirst().delivery();
        assertThat(claimed.escalationId()).isEqualTo(p.id());
        assertThat(record(claimed, DeliveryState.FAILED, 500)).isTrue();
        assertThat(stored(claimed).state()).isEqualTo(DeliveryState.FAILED);
        clock.advance(Duration.ofDays(2));
        assertThat(claim(10)).isEmpty();

        Instant now = clock.instant();
        Instant giveUp = now.plus(RetrySchedule.GIVE_UP_AFTER);
        Delivery retried = store().retry(tenant, "w", claimed.id(), now, giveUp).orElseThrow();

        assertThat(retried.id()).isEqualTo(claimed.id());
        assertThat(retried.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(retried.nextAttemptAt()).isEqualTo(now);
        assertThat(retried.giveUpAt()).isEqualTo(giveUp);
        assertThat(retried.updatedAt()).isEqualTo(now);
        assertThat(stored(claimed)).isEqualTo(retried);
        List<Outgoing> again = claim(10);
        assertThat(ids(again)).containsExactly(claimed.id());
        assertThat(again.getFirst().delivery().attempts()).isEqualTo(2);
        assertThat(again.getFirst().delivery().giveUpAt()).isEqualTo(giveUp);
        assertThat(record(again.getFirst().delivery(), DeliveryState.DELIVERED, 200))
                .isTrue();

        // A delivered one is sent once more.
        assertThat(store().retry(tenant, "w", claimed.id(), now, giveUp)).isPresent();
        assertThat(ids(claim(10))).containsExactly(claimed.id());

        assertThat(store().retry(tenant, "w", "no-such-delivery", now, giveUp)).isEmpty();
        assertThat(store().retry(tenant, "v", claimed.id(), now, giveUp))
                .as("another subscription's")
                .isEmpty();
        assertThat(store().retry(other, "w", claimed.id(), now, giveUp))
                .as("another tenant's")
                .isEmpty();
        assertThat(store().delivery(tenant, "v", claimed.id())).isEmpty();
        assertThat(store().delivery(other, "w", claimed.id())).isEmpty();
    }

    // ---- listing

    @Test
    void deliveries_newestFirst_filteredByState_pagedBySeq() {
        String tenant = newTenant();
        subscribe(tenant, "w", Set.of(EventType.ESCALATION_CREATED));
        subscribe(tenant, "v", Set.of(EventType.ESCALATION_CREATED));
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Escalation p = packet(tenant, null);
            eventIds.add(escalations().events(tenant, p.id()).getFirst().id());
            clock.advance(Duration.ofSeconds(1));
        }
        Map<String, Delivery> claimed = claim(100).stream()
                .map(Outgoing::delivery)
                .filter(d -> d.webhook().equals("w"))
                .collect(Collectors.toMap(Delivery::eventId, d -> d));
        record(claimed.get(eventIds.get(0)), DeliveryState.DELIVERED, 200);
        record(claimed.get(eventIds.get(2)), DeliveryState.DELIVERED, 200);
        record(claimed.get(eventIds.get(3)), DeliveryState.FAILED, 410);
        record(claimed.get(eventIds.get(5)), DeliveryState.CANCELLED, null);

        List<Delivery> all = store().deliveries(tenant, "w", null, null, 100);
        assertThat(all).extracting(Delivery::eventId).containsExactlyElementsOf(eventIds.reversed());
        assertThat(all).extracting(Delivery::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all).extracting(Delivery::webhook).containsOnly("w");

        assertThat(store().deliveries(tenant, "w", DeliveryState.DELIVERED, null, 100))
                .extracting(Delivery::eventId)
                .containsExactly(eventIds.get(2), eventIds.get(0));
        assertThat(store().deliveries(tenant, "w", DeliveryState.FAILED, null, 100))
                .extracting(Delivery::eventId)
                .containsExactly(eventIds.get(3));
        assertThat(store().deliveries(tenant, "w", DeliveryState.CANCELLED, null, 100))
                .extracting(Delivery::eventId)
                .containsExactly(eventIds.get(5));
        assertThat(store().deliveries(tenant, "w", DeliveryState.PENDING, null, 100))
                .extracting(Delivery::eventId)
                .containsExactly(eventIds.get(6), eventIds.get(4), eventIds.get(1));

        List<Delivery> paged = new ArrayList<>();
        Long before = null;
        for (List<Delivery> page = store().deliveries(tenant, "w", null, null, 3);
                !page.isEmpty();
                page = store().deliveries(tenant, "w", null, before, 3)) {
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            paged.addAll(page);
            before = page.getLast().seq();
        }
        assertThat(paged).isEqualTo(all);

        List<Delivery> pending = store().deliveries(tenant, "w", DeliveryState.PENDING, null, 2);
        assertThat(pending).extracting(Delivery::eventId).containsExactly(eventIds.get(6), eventIds.get(4));
        assertThat(store().deliveries(
                                tenant,
                                "w",
                                DeliveryState.PENDING,
                                pending.getLast().seq(),
                                2))
                .extracting(Delivery::eventId)
                .containsExactly(eventIds.get(1));
        assertThat(store().deliveries(tenant, "w", null, all.getLast().seq(), 10))
                .isEmpty();

        assertThat(store().deliveries(tenant, "v", null, null, 100))
                .extracting(Delivery::webhook)
                .hasSize(7)
                .containsOnly("v");
        assertThat(store().deliveries(newTenant(), "w", null, null, 100)).isEmpty();
        assertThat(store().delivery(tenant, "w", all.getFirst().id())).contains(all.getFirst());
    }
}
