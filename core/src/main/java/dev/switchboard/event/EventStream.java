package dev.switchboard.event;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's stream of a tenant's events: first the replay of those after the client's last event id, read from
 * the log page by page, then the live ones, which queue up meanwhile. An event both replayed and queued live is sent
 * once. Read by one thread ({@link #next}); offered to by any.
 */
public final class EventStream implements AutoCloseable {
    static final int REPLAY_PAGE = 500;
    /**
     * How long before the stream opened an event may have been written and still arrive live: a transaction's
     * commit, and the relay from another node, take far less.
     */
    static final Duration LIVE_OVERLAP = Duration.ofMinutes(1);

    /** Queued when the stream ends, to wake its reader. */
    private static final Event WAKE =
            new Event("", "", null, EventType.POLICY_UPDATED, Instant.EPOCH, "", NullNode.getInstance());

    private final EventStreams streams;
    private final EventLog log;
    private final String tenantId;
    private final Set<EventType> types;
    private final BlockingQueue<Event> live;
    private final Instant overlapFrom;
    private final Deque<Event> replay = new ArrayDeque<>();
    /** Ids replayed that may also arrive live, so they are sent once. */
    private final Set<String> replayed = new HashSet<>();

    private String replayAfter;
    private boolean replaying;
    private volatile boolean ended;

    EventStream(
            EventStreams streams,
            EventLog log,
            String tenantId,
            String lastEventId,
            Set<EventType> types,
            int capacity,
            Instant openedAt) {
        this.streams = streams;
        this.log = log;
        this.tenantId = tenantId;
        this.types = Set.copyOf(types);
        this.live = new LinkedBlockingQueue<>(capacity);
        this.overlapFrom = openedAt.minus(LIVE_OVERLAP);
        this.replayAfter = lastEventId;
        this.replaying = lastEventId != null;
    }

    String tenantId() {
        return tenantId;
    }

    /**
     * The next event, waiting up to {@code timeout} for one; null when none came (time for a keep-alive) or the
     * stream has {@link #ended()}.
     */
    public Event next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            Event replayedEvent = nextReplayed();
            if (replayedEvent != null) {
                return replayedEvent;
            }
            long left = deadline - System.nanoTime();
            Event event = live.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null || ended) {
                return null;
            }
            if (!replayed.remove(event.id()) && wanted(event)) {
                return event;
            }
        }
        return null;
    }

    private Event nextReplayed() {
        while (replay.isEmpty() && replaying) {
            List<Event> page = log.after(tenantId, replayAfter, REPLAY_PAGE);
            if (page.size() < REPLAY_PAGE) {
                replaying = false;
            }
            if (!page.isEmpty()) {
                replayAfter = page.get(page.size() - 1).id();
            }
            for (Event event : page) {
                if (!event.occurredAt().isBefore(overlapFrom)) {
                    replayed.add(event.id());
                }
                if (wanted(event)) {
                    replay.add(event);
                }
            }
        }
        return replay.poll();
    }

    private boolean wanted(Event event) {
        return types.isEmpty() || types.contains(event.type());
    }

    /** Queues a live event; a stream whose client cannot keep up is ended instead of skipping it. */
    void offer(Event event) {
        if (ended) {
            return;
        }
        if (!live.offer(event)) {
            end();
        }
    }

    /**
     * Ends the stream: its reader gets no further event (not even those already queued, so the last id its client
     * saw is one it can resume after) and returns at once.
     */
    void end() {
        ended = true;
        live.clear();
        live.offer(WAKE);
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        ended = true;
        streams.remove(this);
    }
}
