package dev.switchboard.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.event.EventBus;
import dev.switchboard.ids.UuidV7;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.json.JsonMappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tenant's policy in force, with its version history.
 *
 * <p>Each node keeps the compiled version in force per tenant and asks the store for a newer one at most once per
 * {@link #FRESHNESS}, so an update made on another node is seen within that time; an update made here is in force at
 * once. Equal documents are compiled once and shared (compilation builds the keyword automaton, which takes a few
 * hundred milliseconds for a large policy). Thread-safe.
 */
public final class Policies {
    public static final Duration FRESHNESS = Duration.ofSeconds(1);
    private static final int COMPILED_CACHE_SIZE = 256;
    private static final ObjectMapper JSON = JsonMappers.create();

    private final PolicyStore store;
    private final Clock clock;
    private final UuidV7 ids;
    private final EventBus bus;
    private final Map<String, InForce> inForce = new ConcurrentHashMap<>();
    private final Map<String, CompiledPolicy> compiledByDocument =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
                    return size() > COMPILED_CACHE_SIZE;
                }
            });

    public Policies(PolicyStore store, Clock clock) {
        this(store, clock, new EventBus());
    }

    /** Publishes each stored version's {@code policy.updated} event on {@code bus}. */
    public Policies(PolicyStore store, Clock clock, EventBus bus) {
        this.store = store;
        this.clock = clock;
        this.ids = new UuidV7(clock);
        this.bus = bus;
    }

    /** The default policy as stored for a new tenant (JSON text). */
    public static String defaultDocument() {
        return toText(DefaultPolicy.get().source());
    }

    /** The tenant's policy in force. */
    public CompiledPolicy current(String tenantId) {
        Instant now = clock.instant();
        InForce known = inForce.get(tenantId);
        if (known != null && now.isBefore(known.checkedAt().plus(FRESHNESS))) {
            return known.policy();
        }
        int latest = store.latestVersion(tenantId);
        if (known != null && known.policy().version() == latest) {
            inForce.put(tenantId, new InForce(known.policy(), now));
            return known.policy();
        }
        PolicyStore.StoredPolicy stored = store.latest(tenantId)
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no policy"));
        CompiledPolicy policy = compileStored(stored);
        inForce.merge(
                tenantId,
                new InForce(policy, now),
                (old, fresh) -> old.policy().version() > fresh.policy().version() ? old : fresh);
        return policy;
    }

    /** Validates and stores a new version, which is in force on this node at once. */
    public CompiledPolicy update(String tenantId, JsonNode document, String actor) throws InvalidInputException {
        return update(tenantId, document, actor, null);
    }

    /**
     * Like {@link #update(String, JsonNode, String)}, but only while {@code expectedVersion} (when not null) is the
     * current version; else {@link StaleVersionException}, and nothing is stored.
     */
    public CompiledPolicy update(String tenantId, JsonNode document, String actor, Integer expectedVersion)
            throws InvalidInputException {
        CompiledPolicy validated = compile(document);
        Instant now = clock.instant();
        Event[] updated = new Event[1];
        int version = store.append(tenantId, toText(document), now, actor, expectedVersion, v -> {
            updated[0] = new Event(
                    ids.nextString(),
                    tenantId,
                    null,
                    EventType.POLICY_UPDATED,
                    now,
                    actor,
                    JsonNodeFactory.instance.objectNode().put("version", v));
            return updated[0];
        });
        bus.publish(List.of(updated[0]));
        CompiledPolicy policy = validated.withVersion(version);
        inForce.merge(
                tenantId,
                new InForce(policy, now),
                (old, fresh) -> old.policy().version() > fresh.policy().version() ? old : fresh);
        return policy;
    }

    /** Validates a document without storing it; the result is compiled as version 0. */
    public CompiledPolicy compile(JsonNode document) throws InvalidInputException {
        String key = toText(document);
        CompiledPolicy cached = compiledByDocument.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledPolicy compiled = PolicyDocument.compile(document, 0);
        compiledByDocument.put(key, compiled);
        return compiled;
    }

    /** Parses and validates a document given as text (JSON or YAML). */
    public CompiledPolicy compile(String text, DocumentFormat format) throws InvalidInputException {
        return compile(Documents.parse(text, format));
    }

    public List<PolicyStore.PolicyVersion> versions(String tenantId) {
        return store.versions(tenantId);
    }

    private CompiledPolicy compileStored(PolicyStore.StoredPolicy stored) {
        try {
            return compile(Documents.parse(stored.document(), DocumentFormat.JSON))
                    .withVersion(stored.version());
        } catch (InvalidInputException e) {
            throw new IllegalStateException(
                    "stored policy " + stored.tenantId() + " v" + stored.version() + " is invalid: " + e.getMessage(),
                    e);
        }
    }

    private static String toText(JsonNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record InForce(CompiledPolicy policy, Instant checkedAt) {}
}
