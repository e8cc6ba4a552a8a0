package dev.switchboard.event;

import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live streams open on this node (SPEC §4, {@code GET /v1/events/stream}), by tenant. Committed events reach it
 * from this node's {@link EventBus} and, with several nodes, from the others through a relay; each goes to the open
 * streams of its tenant. A stream that falls too far behind is ended rather than left to skip events: its client
 * reconnects with the last id it saw and is replayed the rest from the {@link EventLog}. Thread-safe.
 */
public final class EventStreams implements AutoCloseable {
    /** Live events a stream may hold for a slow client before it is ended. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final EventLog log;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Set<EventStream>> byTenant = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public EventStreams(EventLog log, Clock clock) {
        this(log, clock, DEFAULT_CAPACITY);
    }

    public EventStreams(EventLog log, Clock clock, int capacity) {
        this.log = log;
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Opens a stream of the tenant's events of {@code types} (empty: all) committed from now on, first replaying
     * those after {@code lastEventId} when given. Close it when done.
     */
    public EventStream open(String tenantId, String lastEventId, Set<EventType> types) {
        EventStream stream = new EventStream(this, log, tenantId, lastEventId, types, capacity, clock.instant());
        byTenant.computeIfAbsent(tenantId, t -> ConcurrentHashMap.newKeySet()).add(stream);
        if (closed) {
            stream.end();
        }
        return stream;
    }

    /** Hands committed events to the open streams of their tenants. */
    public void publish(List<Event> events) {
        for (Event event : events) {
            Set<EventStream> streams = byTenant.get(event.tenantId());
            if (streams != null) {
                for (EventStream stream : streams) {
                    stream.offer(event);
                }
            }
        }
    }

    /**
     * Ends every open stream, e.g. when events from other nodes may have been missed: each client reconnects and is
     * replayed what it has not seen.
     */
    public void endAll() {
        byTenant.values().forEach(streams -> streams.forEach(EventStream::end));
    }

    /** How many streams are open on this node. */
    public int openCount() {
        return byTenant.values().stream().mapToInt(Set::size).sum();
    }

    void remove(EventStream stream) {
        byTenant.computeIfPresent(stream.tenantId(), (tenant, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** Ends every stream and refuses new ones (they open ended). */
    @Override
    public void close() {
        closed = true;
        endAll();
    }
}
