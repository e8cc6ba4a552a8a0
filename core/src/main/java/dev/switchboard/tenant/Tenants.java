package dev.switchboard.tenant;

import dev.switchboard.ids.Secrets;
import dev.switchboard.ids.UuidV7;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants and their keys: creation, listing, revocation, and authenticating a bearer token.
 *
 * <p>A token is {@code sb_} + the key id (22 characters) + a 256-bit secret; only the secret's SHA-256 is stored, and
 * it is compared in constant time. Verified keys are remembered for {@link #KEY_CACHE_TTL} so that a route does not
 * cost a database read; a revocation on this node forgets the key at once. Thread-safe.
 */
public final class Tenants {
    public static final String TOKEN_PREFIX = "sb_";
    /** How long a verified key is trusted without asking the store again (bounds cross-node revocation delay). */
    public static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);

    private static final int ID_CHARS = 22;
    private static final int SECRET_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final TenantStore store;
    private final Clock clock;
    private final UuidV7 ids;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** Tenants never change once created, so they are remembered for good. */
    private final Map<String, Tenant> known = new ConcurrentHashMap<>();

    public Tenants(TenantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.ids = new UuidV7(clock);
    }

    /** The outcome of a revocation. */
    public enum Revocation {
        REVOKED,
        NOT_FOUND,
        /** Refused: it is the tenant's last active admin key, and nobody could manage the tenant without it. */
        LAST_ADMIN_KEY
    }

    /** Creates a tenant with a first admin key; empty when the id is taken. */
    public Optional<Created> createTenant(
            String id, String name, dev.switchboard.text.Language locale, java.time.ZoneId zone, String policy) {
        Instant now = clock.instant();
        Tenant tenant = new Tenant(id, name, locale, zone, now);
        Issued admin = issue(id, "admin", Role.ADMIN, now);
        boolean created = store.createTenant(tenant, admin.key(), admin.hash(), new TenantStore.TenantSeed(policy));
        return created ? Optional.of(new Created(tenant, new IssuedKey(admin.key(), admin.token()))) : Optional.empty();
    }

    /** A tenant just created, with its first admin key. */
    public record Created(Tenant tenant, IssuedKey adminKey) {}

    public Optional<Tenant> find(String tenantId) {
        Tenant tenant = known.get(tenantId);
        if (tenant != null) {
            return Optional.of(tenant);
        }
        Optional<Tenant> stored = store.findTenant(tenantId);
        stored.ifPresent(t -> known.put(tenantId, t));
        return stored;
    }

    public IssuedKey createKey(String tenantId, String name, Role role) {
        Issued issued = issue(tenantId, name, role, clock.instant());
        store.createKey(issued.key(), issued.hash());
        return new IssuedKey(issued.key(), issued.token());
    }

    public List<ApiKey> keys(String tenantId) {
        return store.listKeys(tenantId);
    }

    public Revocation revoke(String tenantId, String keyId) {
        List<ApiKey> active = store.listKeys(tenantId);
        Optional<ApiKey> target =
                active.stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (target.isEmpty()) {
            return Revocation.NOT_FOUND;
        }
        if (target.get().role() == Role.ADMIN
                && active.stream().filter(k -> k.role() == Role.ADMIN).count() == 1) {
            return Revocation.LAST_ADMIN_KEY;
        }
        if (!store.revokeKey(tenantId, keyId, clock.instant())) {
            return Revocation.NOT_FOUND;
        }
        verified.remove(keyId);
        return Revocation.REVOKED;
    }

    /** The caller behind a bearer token, if the token is a valid, active key. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() <= TOKEN_PREFIX.length() + ID_CHARS) {
            return Optional.empty();
        }
        String encodedId = token.substring(TOKEN_PREFIX.length(), TOKEN_PREFIX.length() + ID_CHARS);
        String keyId = decodeId(encodedId);
        if (keyId == null) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(token.substring(TOKEN_PREFIX.length() + ID_CHARS));
        Instant now = clock.instant();
        Verified known = verified.get(keyId);
        if (known != null && now.isBefore(known.until()) && Secrets.constantTimeEquals(hash, known.hash())) {
            return Optional.of(known.principal());
        }
        Optional<TenantStore.StoredKey> stored = store.findKey(keyId);
        if (stored.isEmpty()
                || !stored.get().key().isActive()
                || !Secrets.constantTimeEquals(hash, stored.get().secretHash())) {
            verified.remove(keyId);
            return Optional.empty();
        }
        ApiKey key = stored.get().key();
        Principal principal = new Principal(key.tenantId(), key.id(), key.name(), key.role());
        verified.put(keyId, new Verified(principal, stored.get().secretHash(), now.plus(KEY_CACHE_TTL)));
        return Optional.of(principal);
    }

    private Issued issue(String tenantId, String name, Role role, Instant now) {
        UUID id = ids.next();
        String secret = Secrets.random(SECRET_BYTES);
        ApiKey key = new ApiKey(tenantId, id.toString(), name, role, now, null);
        return new Issued(key, TOKEN_PREFIX + encodeId(id) + secret, Secrets.sha256(secret));
    }

    static String encodeId(UUID id) {
        return ENCODER.encodeToString(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array());
    }

    static String decodeId(String encoded) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(DECODER.decode(encoded));
            return bytes.remaining() == 16 ? new UUID(bytes.getLong(), bytes.getLong()).toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Issued(ApiKey key, String token, byte[] hash) {}

    private record Verified(Principal principal, byte[] hash, Instant until) {}
}
