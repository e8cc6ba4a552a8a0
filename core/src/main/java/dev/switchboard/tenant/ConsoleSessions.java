package dev.switchboard.tenant;

import dev.switchboard.ids.Secrets;
import dev.switchboard.ids.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Console sign-in (SPEC §7): an API key of a person's role is exchanged for a session token, kept by the browser in
 * an HttpOnly cookie, so the key itself is never stored by the browser. A session is a row of its own (sessions work
 * on every node and end with their key). Tokens look like API keys: {@code sbs_}, the session id, a 256-bit secret of
 * which only a hash is stored. Thread-safe.
 */
public final class ConsoleSessions {
    public static final String TOKEN_PREFIX = "sbs_";
    /** How long a session lasts from sign-in: a working day. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private static final int ID_CHARS = 22;
    private static final int SECRET_BYTES = 32;
    private static final int CSRF_BYTES = 24;

    private final TenantStore store;
    private final Tenants tenants;
    private final Clock clock;
    private final UuidV7 ids;

    public ConsoleSessions(TenantStore store, Tenants tenants, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
        this.ids = new UuidV7(clock);
    }

    /** A new session and its token (shown once, for the cookie). */
    public record SignedIn(String token, ConsoleSession session, Principal principal) {}

    /** A session in use: who acts, and the CSRF token its changes must carry. */
    public record Active(ConsoleSession session, Principal principal) {}

    /** Why a key may not sign in. */
    public enum Refusal {
        UNKNOWN_KEY,
        NOT_A_PERSON
    }

    /** The outcome of a sign-in: a session, or why not. */
    public record SignIn(SignedIn signedIn, Refusal refusal) {}

    /** Signs in with an API key of role operator, supervisor or admin. */
    public SignIn signIn(String apiKey) {
        Optional<Principal> principal = tenants.authenticate(apiKey);
        if (principal.isEmpty()) {
            return new SignIn(null, Refusal.UNKNOWN_KEY);
        }
        if (!principal.get().role().grants(Role.OPERATOR)) {
            return new SignIn(null, Refusal.NOT_A_PERSON);
        }
        Instant now = clock.instant();
        UUID id = ids.next();
        String secret = Secrets.random(SECRET_BYTES);
        ConsoleSession session = new ConsoleSession(
                principal.get().tenantId(),
                id.toString(),
                principal.get().keyId(),
                Secrets.random(CSRF_BYTES),
                now,
                now.plus(LIFETIME));
        store.createSession(session, Secrets.sha256(secret));
        return new SignIn(new SignedIn(TOKEN_PREFIX + Tenants.encodeId(id) + secret, session, principal.get()), null);
    }

    /** The session of a cookie's token, if it is valid, unexpired and its key still active. */
    public Optional<Active> find(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() <= TOKEN_PREFIX.length() + ID_CHARS) {
            return Optional.empty();
        }
        String sessionId = Tenants.decodeId(token.substring(TOKEN_PREFIX.length(), TOKEN_PREFIX.length() + ID_CHARS));
        if (sessionId == null) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(token.substring(TOKEN_PREFIX.length() + ID_CHARS));
        Optional<TenantStore.StoredSession> stored = store.findSession(sessionId);
        if (stored.isEmpty() || !Secrets.constantTimeEquals(hash, stored.get().secretHash())) {
            return Optional.empty();
        }
        ConsoleSession session = stored.get().session();
        ApiKey key = stored.get().key();
        if (!clock.instant().isBefore(session.expiresAt()) || !key.isActive()) {
            return Optional.empty();
        }
        return Optional.of(new Active(session, new Principal(key.tenantId(), key.id(), key.name(), key.role())));
    }

    /** Ends a session (sign-out); false when there was none. */
    public boolean signOut(ConsoleSession session) {
        return store.deleteSession(session.tenantId(), session.sessionId());
    }
}
