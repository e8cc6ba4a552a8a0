package dev.switchboard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.escalation.Event;
import dev.switchboard.json.EscalationJson;
import dev.switchboard.json.JsonMappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due deliveries in batches (several nodes may run one each; a claim leases its rows),
 * signs and sends them in parallel, and records each outcome — delivered on a {@code 2xx}, else retried per the
 * {@link RetrySchedule} until given up. It polls every {@link #POLL}, and at once when {@link #wake woken} by a commit
 * on this node. A delivery's {@code webhook-id} is its event's id, the same on every attempt. Each recorded outcome is
 * reported to a {@link DispatchObserver}. Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {
    public static final Duration POLL = Duration.ofMillis(250);
    /** How long a claimed delivery is left to its node before another may attempt it. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    static final int BATCH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final ObjectMapper JSON = JsonMappers.create();

    private final WebhookStore store;
    private final WebhookSender sender;
    private final DeliveryListener listener;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final DispatchObserver observer;
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;

    public Dispatcher(
            WebhookStore store, WebhookSender sender, DeliveryListener listener, Clock clock, RetrySchedule schedule) {
        this(store, sender, listener, clock, schedule, DispatchObserver.NONE);
    }

    public Dispatcher(
            WebhookStore store,
            WebhookSender sender,
            DeliveryListener listener,
            Clock clock,
            RetrySchedule schedule,
            DispatchObserver observer) {
        this.store = store;
        this.sender = sender;
        this.listener = listener;
        this.clock = clock;
        this.schedule = schedule;
        this.observer = observer;
    }

    /** Starts the delivery loop on a thread of its own. */
    public synchronized void start() {
        if (loop == null) {
            running = true;
            loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::run);
        }
    }

    /** Asks the loop to look for due deliveries now (e.g. after a commit wrote some). */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (running) {
            int attempted = 0;
            try {
                attempted = dispatchOnce();
            } catch (RuntimeException e) {
                LOG.error("dispatching webhooks failed; trying again in {} ms", POLL.toMillis(), e);
            }
            if (attempted < BATCH) {
                try {
                    wakeups.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Claims one batch of due deliveries and attempts them all; returns how many it attempted. */
    public int dispatchOnce() {
        Instant now = clock.instant();
        List<Outgoing> claimed = store.claim(now, now.plus(LEASE), BATCH);
        List<Future<?>> attempts = new ArrayList<>(claimed.size());
        for (Outgoing outgoing : claimed) {
            attempts.add(sends.submit(() -> attempt(outgoing)));
        }
        for (Future<?> attempt : attempts) {
            try {
                attempt.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.error("a webhook delivery attempt failed unexpectedly", e.getCause());
            }
        }
        return claimed.size();
    }

    private void attempt(Outgoing outgoing) {
        Delivery delivery = outgoing.delivery();
        Event event = listener.prepare(outgoing);
        if (event == null) {
            if (store.record(
                    delivery,
                    new WebhookStore.Outcome(
                            DeliveryState.CANCELLED, null, "no longer wanted", null, clock.instant()))) {
                observed(DispatchObserver.Outcome.CANCELLED, null, null);
            }
            return;
        }
        byte[] body = body(event);
        Map<String, String> headers = WebhookSignature.headers(
                outgoing.secret(), event.id(), clock.instant().getEpochSecond(), body);
        long started = System.nanoTime();
        WebhookSender.Response response = sender.send(outgoing.url(), headers, body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Instant now = clock.instant();
        if (response.ok()) {
            if (store.record(
                    delivery, new WebhookStore.Outcome(DeliveryState.DELIVERED, response.status(), null, null, now))) {
                Duration lag = Duration.between(outgoing.event().occurredAt(), now);
                observed(DispatchObserver.Outcome.DELIVERED, took, lag.isNegative() ? Duration.ZERO : lag);
                listener.delivered(outgoing);
            }
            return;
        }
        String error = response.error() != null ? response.error() : "HTTP " + response.status();
        Instant next = schedule.next(delivery.attempts(), now, delivery.giveUpAt());
        if (next == null) {
            if (store.record(
                    delivery, new WebhookStore.Outcome(DeliveryState.FAILED, response.status(), error, null, now))) {
                LOG.info(
                        "gave up delivering {} {} to webhook {} after {} attempts: {}",
                        event.type().code(),
                        event.id(),
                        delivery.webhook(),
                        delivery.attempts(),
                        error);
                observed(DispatchObserver.Outcome.FAILED, took, null);
                listener.gaveUp(outgoing, error);
            }
        } else if (store.record(
                delivery, new WebhookStore.Outcome(DeliveryState.PENDING, response.status(), error, next, now))) {
            observed(DispatchObserver.Outcome.RETRY, took, null);
        }
    }

    /** Reports an outcome; an observer that throws is logged and does not stop the rest of the attempt's handling. */
    private void observed(DispatchObserver.Outcome outcome, Duration took, Duration lag) {
        try {
            observer.attempted(outcome, took, lag);
        } catch (RuntimeException e) {
            LOG.warn("the dispatch observer failed on a {} attempt", outcome, e);
        }
    }

    private static byte[] body(Event event) {
        try {
            return JSON.writeValueAsBytes(EscalationJson.write(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        Thread thread;
        synchronized (this) {
            thread = loop;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sends.shutdownNow();
    }
}
