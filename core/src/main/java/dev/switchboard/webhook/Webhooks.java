package dev.switchboard.webhook;

import dev.switchboard.escalation.EventType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions of a tenant and their deliveries (SPEC §4). A subscription's target is checked when it is
 * saved, and again at every delivery: no private, loopback or link-local address unless allowed. Thread-safe.
 */
public final class Webhooks {
    private final WebhookStore store;
    private final Clock clock;
    private final boolean allowPrivate;

    public Webhooks(WebhookStore store, Clock clock, boolean allowPrivate) {
        this.store = store;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
    }

    /** A saved subscription; its secret is shown only when {@code created}. */
    public record Saved(Webhook webhook, boolean created) {}

    /**
     * Creates a subscription with a new {@code whsec_} secret, or replaces the one of that name (keeping its
     * secret).
     *
     * @param url an absolute http(s) URL whose host is public (see {@link WebhookTargets})
     * @throws RefusedTarget when the host does not resolve or resolves to a refused address
     */
    public Saved put(String tenantId, String name, String url, Set<EventType> events, Set<String> workflows)
            throws RefusedTarget {
        WebhookTargets.resolve(URI.create(url), allowPrivate);
        Instant now = clock.instant();
        Webhook candidate = new Webhook(tenantId, name, url, events, workflows, WebhookSignature.newSecret(), now, now);
        boolean created = store.put(candidate);
        Webhook saved = store.find(tenantId, name).orElseThrow();
        return new Saved(saved, created);
    }

    public Optional<Webhook> find(String tenantId, String name) {
        return store.find(tenantId, name);
    }

    public List<Webhook> list(String tenantId) {
        return store.list(tenantId);
    }

    public boolean delete(String tenantId, String name) {
        return store.delete(tenantId, name);
    }

    /** A subscription's deliveries, newest first. */
    public List<Delivery> deliveries(String tenantId, String name, DeliveryState state, Long beforeSeq, int limit) {
        requireWebhook(tenantId, name);
        return store.deliveries(tenantId, name, state, beforeSeq, limit);
    }

    /** Makes a delivery due now, for another full retry period. */
    public Delivery retry(String tenantId, String name, String deliveryId) {
        requireWebhook(tenantId, name);
        Instant now = clock.instant();
        return store.retry(tenantId, name, deliveryId, now, now.plus(RetrySchedule.GIVE_UP_AFTER))
                .orElseThrow(() -> new UnknownWebhook("no delivery " + deliveryId + " of webhook " + name));
    }

    private void requireWebhook(String tenantId, String name) {
        if (store.find(tenantId, name).isEmpty()) {
            throw new UnknownWebhook("no webhook " + name);
        }
    }
}
