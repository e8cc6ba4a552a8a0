package dev.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.ids.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The live streams of one node: tenancy, the type filter, replay then live with each event once, slow clients. */
class EventStreamsTest {
    private static final Duration NOW = Duration.ZERO;
    private static final Duration SOON = Duration.ofSeconds(2);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC);
    private final UuidV7 ids = new UuidV7(clock);
    private final InMemoryLog log = new InMemoryLog();

    /** The audit trail as a list: what the stores keep in the {@code events} table. */
    static final class InMemoryLog implements EventLog {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public List<Event> after(String tenantId, String afterId, int limit) {
            return events.stream()
                    .filter(e -> e.tenantId().equals(tenantId))
                    .filter(e -> afterId == null || e.id().compareTo(afterId) > 0)
                    .sorted((a, b) -> a.id().compareTo(b.id()))
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<Event> find(String tenantId, Collection<String> wanted) {
            return events.stream()
                    .filter(e -> e.tenantId().equals(tenantId) && wanted.contains(e.id()))
                    .toList();
        }
    }

    private Event event(String tenant, EventType type) {
        return new Event(
                ids.nextString(), tenant, "p-1", type, clock.instant(), "bot-1", JsonNodeFactory.instance.objectNode());
    }

    /** Writes an event to the log, as a commit does, and returns it. */
    private Event written(String tenant, EventType type) {
        Event event = event(tenant, type);
        log.events.add(event);
        return event;
    }

    private static List<Event> drain(EventStream stream, int count) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Event next = stream.next(SOON);
            if (next == null) {
                break;
            }
            taken.add(next);
        }
        return taken;
    }

    @Test
    void liveEventsGoToTheStreamsOfTheirTenant_ofTheWantedTypes() throws Exception {
        EventStreams streams = new EventStreams(log, clock);
        try (EventStream all = streams.open("acme", null, Set.of());
                EventStream resolved = streams.open("acme", null, Set.of(EventType.ESCALATION_RESOLVED));
                EventStream other = streams.open("globex", null, Set.of())) {
            Event created = event("acme", EventType.ESCALATION_CREATED);
            Event done = event("acme", EventType.ESCALATION_RESOLVED);
            streams.publish(List.of(created, done));

            assertThat(drain(all, 2)).containsExactly(created, done);
            assertThat(resolved.next(SOON)).isEqualTo(done);
            assertThat(resolved.next(NOW)).isNull();
            assertThat(other.next(NOW)).isNull();
            assertThat(streams.openCount()).isEqualTo(3);
        }
        assertThat(streams.openCount()).isZero();
    }

    @Test
    void aReconnectingClientIsReplayedWhatItMissed_thenLive_eachEventOnce() throws Exception {
        EventStreams streams = new EventStreams(log, clock);
        Event seen = written("acme", EventType.ESCALATION_CREATED);
        Event missed = written("acme", EventType.ESCALATION_ASSIGNED);
        written("globex", EventType.ESCALATION_CREATED);
        try (EventStream stream = streams.open("acme", seen.id(), Set.of())) {
            // Committed while the stream opened: it is in the replay and arrives live too.
            Event racing = written("acme", EventType.ESCALATION_RESOLVED);
            streams.publish(List.of(racing));
            Event later = event("acme", EventType.ESCALATION_RESUMED);
            streams.publish(List.of(later));

            assertThat(drain(stream, 4)).containsExactly(missed, racing, later);
        }
    }

    @Test
    void aLongReplayIsReadPageByPage() throws Exception {
        EventStreams streams = new EventStreams(log, clock);
        Event first = written("acme", EventType.ESCALATION_CREATED);
        List<Event> rest = new ArrayList<>();
        for (int i = 0; i < 2 * EventStream.REPLAY_PAGE + 7; i++) {
            rest.add(written("acme", EventType.ESCALATION_ASSIGNED));
        }
        try (EventStream stream = streams.open("acme", first.id(), Set.of())) {
            assertThat(drain(stream, rest.size() + 1)).isEqualTo(rest);
        }
    }

    @Test
    void aClientThatFallsBehindIsEnded_withoutSkippingAnEvent() throws Exception {
        EventStreams streams = new EventStreams(log, clock, 3);
        try (EventStream slow = streams.open("acme", null, Set.of());
                EventStream keepingUp = streams.open("acme", null, Set.of())) {
            for (int i = 0; i < 3; i++) {
                streams.publish(List.of(event("acme", EventType.ESCALATION_CREATED)));
                assertThat(keepingUp.next(SOON)).isNotNull();
            }
            streams.publish(List.of(event("acme", EventType.ESCALATION_CREATED)));

            assertThat(slow.ended()).isTrue();
            assertThat(slow.next(SOON))
                    .as("nothing after the gap, nor before it")
                    .isNull();
            assertThat(keepingUp.ended()).isFalse();
            assertThat(keepingUp.next(SOON)).isNotNull();
        }
    }

    @Test
    void endingAllWakesTheReaders_andAClosedHubOpensStreamsEnded() throws Exception {
        EventStreams streams = new EventStreams(log, clock);
        EventStream stream = streams.open("acme", null, Set.of());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stream.next(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        streams.endAll();
        assertThat(reader.join(SOON)).as("the reader returned at once").isTrue();
        assertThat(stream.ended()).isTrue();
        stream.close();

        streams.close();
        try (EventStream late = streams.open("acme", null, Set.of())) {
            assertThat(late.ended()).isTrue();
            assertThat(late.next(SOON)).isNull();
        }
    }
}
