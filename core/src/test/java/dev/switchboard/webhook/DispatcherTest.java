package dev.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What the dispatcher tells its observer about each attempt, over an in-memory outbox and sender. */
class DispatcherTest {
    private static final Instant OCCURRED = Instant.parse("2026-11-21T10:41:11.783Z");
    private static final Instant NOW = OCCURRED.plusSeconds(5);
    private static final String SECRET = "whsec_c3dpdGNoYm9hcmQtd2ViaG9vay10ZXN0LWtleS0zMmI=";

    record Observed(DispatchObserver.Outcome outcome, Duration took, Duration lag) {}

    private final List<Observed> observed = new ArrayList<>();
    private final DispatchObserver observer = (outcome, took, lag) -> observed.add(new Observed(outcome, took, lag));

    @Test
    void aTwoHundredIsReportedDeliveredWithTheTimeSinceTheEvent() {
        Outbox outbox = new Outbox(outgoing(NOW.plus(RetrySchedule.GIVE_UP_AFTER)), true);

        dispatchOnce(outbox, new Answers(204), DeliveryListener.NONE);

        assertThat(outbox.recorded).extracting(WebhookStore.Outcome::state).containsExactly(DeliveryState.DELIVERED);
        assertThat(observed).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(DispatchObserver.Outcome.DELIVERED);
            assertThat(o.took()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(o.lag()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void aFailureWithTimeLeftIsReportedAsARetry() {
        Outbox outbox = new Outbox(outgoing(NOW.plus(RetrySchedule.GIVE_UP_AFTER)), true);

        dispatchOnce(outbox, new Answers(503), DeliveryListener.NONE);

        assertThat(outbox.recorded).extracting(WebhookStore.Outcome::state).containsExactly(DeliveryState.PENDING);
        assertThat(observed).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(DispatchObserver.Outcome.RETRY);
            assertThat(o.took()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(o.lag()).isNull();
        });
    }

    @Test
    void aFailureAtTheGiveUpTimeIsReportedFailed() {
        Outbox outbox = new Outbox(outgoing(NOW), true);

        dispatchOnce(outbox, new Answers(null), DeliveryListener.NONE);

        assertThat(outbox.recorded).extracting(WebhookStore.Outcome::state).containsExactly(DeliveryState.FAILED);
        assertThat(observed).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(DispatchObserver.Outcome.FAILED);
            assertThat(o.took()).isNotNull();
            assertThat(o.lag()).isNull();
        });
    }

    @Test
    void aDeliveryNoLongerWantedIsReportedCancelledWithoutSending() {
        Outbox outbox = new Outbox(outgoing(NOW.plus(RetrySchedule.GIVE_UP_AFTER)), true);
        Answers sender = new Answers(204);

        dispatchOnce(outbox, sender, new Listener(null));

        assertThat(sender.sent).isZero();
        assertThat(outbox.recorded).extracting(WebhookStore.Outcome::state).containsExactly(DeliveryState.CANCELLED);
        assertThat(observed).containsExactly(new Observed(DispatchObserver.Outcome.CANCELLED, null, null));
    }

    @Test
    void anAttemptWhoseOutcomeWasNotRecordedIsNotReported() {
        Outbox outbox = new Outbox(outgoing(NOW.plus(RetrySchedule.GIVE_UP_AFTER)), false);

        dispatchOnce(outbox, new Answers(204), DeliveryListener.NONE);

        assertThat(outbox.recorded).hasSize(1);
        assertThat(observed).isEmpty();
    }

    @Test
    void anObserverThatThrowsDoesNotKeepTheListenerFromHearingOfTheDelivery() {
        Outbox outbox = new Outbox(outgoing(NOW.plus(RetrySchedule.GIVE_UP_AFTER)), true);
        Listener listener = new Listener(outbox.outgoing.event());
        DispatchObserver failing = (outcome, took, lag) -> {
            throw new IllegalStateException("metrics broke");
        };

        try (Dispatcher dispatcher = new Dispatcher(outbox, new Answers(204), listener, clock(), schedule(), failing)) {
            dispatcher.dispatchOnce();
        }

        assertThat(listener.delivered).isEqualTo(1);
    }

    @Test
    void withoutAnObserverTheDispatcherStillDelivers() {
        Outbox outbox = new Outbox(outgoing(NOW.plus(RetrySchedule.GIVE_UP_AFTER)), true);

        try (Dispatcher dispatcher =
                new Dispatcher(outbox, new Answers(204), DeliveryListener.NONE, clock(), schedule())) {
            dispatcher.dispatchOnce();
        }

        assertThat(outbox.recorded).extracting(WebhookStore.Outcome::state).containsExactly(DeliveryState.DELIVERED);
    }

    private void dispatchOnce(WebhookStore store, WebhookSender sender, DeliveryListener listener) {
        try (Dispatcher dispatcher = new Dispatcher(store, sender, listener, clock(), schedule(), observer)) {
            assertThat(dispatcher.dispatchOnce()).isEqualTo(1);
        }
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static RetrySchedule schedule() {
        return new RetrySchedule(new SplittableRandom(7));
    }

    private static Outgoing outgoing(Instant giveUpAt) {
        Event event = new Event(
                "01a1fd6c-a4c6-7001-864e-0b9d360e733e",
                "acme",
                "01a1fd6c-a4c6-7001-864e-0b9d360e7340",
                EventType.ESCALATION_CREATED,
                OCCURRED,
                "bot-1",
                JsonNodeFactory.instance.objectNode());
        Delivery delivery = new Delivery(
                "acme",
                "01a1fd6c-a4c6-7001-864e-0b9d360e7341",
                1,
                "hooks",
                event.id(),
                event.type(),
                event.escalationId(),
                DeliveryState.PENDING,
                1,
                null,
                null,
                NOW.plus(Dispatcher.LEASE),
                giveUpAt,
                OCCURRED,
                NOW);
        return new Outgoing(delivery, "https://hooks.example.com/", SECRET, event);
    }

    /** Answers every send with one status (null: no answer). */
    static final class Answers implements WebhookSender {
        private final Integer status;
        int sent;

        Answers(Integer status) {
            this.status = status;
        }

        @Override
        public synchronized Response send(String url, Map<String, String> headers, byte[] body) {
            sent++;
            return new Response(status, status == null ? "connection refused" : null);
        }
    }

    /** Prepares {@code event} (null: cancels), counts deliveries. */
    static final class Listener implements DeliveryListener {
        private final Event event;
        int delivered;

        Listener(Event event) {
            this.event = event;
        }

        @Override
        public Event prepare(Outgoing outgoing) {
            return event;
        }

        @Override
        public synchronized void delivered(Outgoing outgoing) {
            delivered++;
        }

        @Override
        public void gaveUp(Outgoing outgoing, String error) {}
    }

    /** An outbox of one due delivery, claimed once; records outcomes, accepting them or not. */
    static final class Outbox implements WebhookStore {
        final Outgoing outgoing;
        private final boolean accepts;
        private boolean claimed;
        final List<Outcome> recorded = new ArrayList<>();

        Outbox(Outgoing outgoing, boolean accepts) {
            this.outgoing = outgoing;
            this.accepts = accepts;
        }

        @Override
        public synchronized List<Outgoing> claim(Instant now, Instant leaseUntil, int limit) {
            if (claimed) {
                return List.of();
            }
            claimed = true;
            return List.of(outgoing);
        }

        @Override
        public synchronized boolean record(Delivery claimed, Outcome outcome) {
            recorded.add(outcome);
            return accepts;
        }

        @Override
        public boolean put(Webhook webhook) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Webhook> find(String tenantId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Webhook> list(String tenantId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String tenantId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean anyTakes(String tenantId, EventType type, String workflow) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Delivery> deliveries(
                String tenantId, String webhook, DeliveryState state, Long beforeSeq, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Delivery> delivery(String tenantId, String webhook, String deliveryId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Delivery> retry(
                String tenantId, String webhook, String deliveryId, Instant now, Instant giveUpAt) {
            throw new UnsupportedOperationException();
        }
    }
}
