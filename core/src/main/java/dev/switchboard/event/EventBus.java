package dev.switchboard.event;

import dev.switchboard.escalation.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to this node's listeners once the transaction that wrote them has committed (never before: a listener
 * must not see what may still roll back). Listeners run on the publishing thread and must be quick; one failing
 * listener does not keep the others from their events. Thread-safe.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    /** Publishes committed events, in order. */
    public void publish(List<Event> events) {
        for (Event event : events) {
            for (Consumer<Event> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.error("an event listener failed on {} {}", event.type().code(), event.id(), e);
                }
            }
        }
    }
}
