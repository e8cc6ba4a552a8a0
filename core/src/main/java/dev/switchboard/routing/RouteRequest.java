package dev.switchboard.routing;

import dev.switchboard.text.Language;
import java.util.Map;

/**
 * One customer message and what is known about it (SPEC §2.1). Only {@code message} is required; build with
 * {@link #of(String)} and the {@code with…} methods. Immutable.
 *
 * @param sessionMode who owns the conversation, or {@code null} when not stated ({@code bot_active} unless a stored
 *     session says otherwise)
 * @param locale the caller's language, or {@code null} to detect it from the message's script
 * @param defaultLocale the language when neither the caller nor the script tells (the tenant's)
 * @param context free JSON-like data (Long, Double, String, Boolean, List, Map) for policy rules
 */
public record RouteRequest(
        String message,
        String sessionId,
        SessionMode sessionMode,
        Language locale,
        Language defaultLocale,
        FeatureFlags featureFlags,
        IntentMatch intentMatch,
        IntentHint intentHint,
        HighRiskCheck highRiskCheck,
        Map<String, Object> context) {

    public RouteRequest {
        if (message == null) {
            throw new IllegalArgumentException("message is required");
        }
        defaultLocale = defaultLocale == null ? Language.EN : defaultLocale;
        featureFlags = featureFlags == null ? FeatureFlags.DEFAULT : featureFlags;
        context = context == null ? Map.of() : context;
    }

    /** The session mode that applies: the given one, else {@code bot_active}. */
    public SessionMode effectiveSessionMode() {
        return sessionMode == null ? SessionMode.BOT_ACTIVE : sessionMode;
    }

    /** Whether the caller stated the session mode (which then overrides a stored one). */
    public boolean sessionModeGiven() {
        return sessionMode != null;
    }

    public static RouteRequest of(String message) {
        return new Builder(message).build();
    }

    public RouteRequest withSession(String id, SessionMode mode) {
        Builder builder = toBuilder();
        builder.sessionId = id;
        builder.sessionMode = mode;
        return builder.build();
    }

    public RouteRequest withLocale(Language value) {
        Builder builder = toBuilder();
        builder.locale = value;
        return builder.build();
    }

    public RouteRequest withDefaultLocale(Language value) {
        Builder builder = toBuilder();
        builder.defaultLocale = value;
        return builder.build();
    }

    public RouteRequest withFeatureFlags(FeatureFlags value) {
        Builder builder = toBuilder();
        builder.featureFlags = value;
        return builder.build();
    }

    public RouteRequest withIntentMatch(IntentMatch value) {
        Builder builder = toBuilder();
        builder.intentMatch = value;
        return builder.build();
    }

    public RouteRequest withIntentHint(IntentHint value) {
        Builder builder = toBuilder();
        builder.intentHint = value;
        return builder.build();
    }

    public RouteRequest withHighRiskCheck(HighRiskCheck value) {
        Builder builder = toBuilder();
        builder.highRiskCheck = value;
        return builder.build();
    }

    public RouteRequest withContext(Map<String, Object> value) {
        Builder builder = toBuilder();
        builder.context = value;
        return builder.build();
    }

    private Builder toBuilder() {
        Builder builder = new Builder(message);
        builder.sessionId = sessionId;
        builder.sessionMode = sessionMode;
        builder.locale = locale;
        builder.defaultLocale = defaultLocale;
        builder.featureFlags = featureFlags;
        builder.intentMatch = intentMatch;
        builder.intentHint = intentHint;
        builder.highRiskCheck = highRiskCheck;
        builder.context = context;
        return builder;
    }

    /** Mutable staging for the {@code with…} copies. */
    private static final class Builder {
        private final String message;
        private String sessionId;
        private SessionMode sessionMode;
        private Language locale;
        private Language defaultLocale;
        private FeatureFlags featureFlags;
        private IntentMatch intentMatch;
        private IntentHint intentHint;
        private HighRiskCheck highRiskCheck;
        private Map<String, Object> context;

        private Builder(String message) {
            this.message = message;
        }

        private RouteRequest build() {
            return new RouteRequest(
                    message,
                    sessionId,
                    sessionMode,
                    locale,
                    defaultLocale,
                    featureFlags,
                    intentMatch,
                    intentHint,
                    highRiskCheck,
                    context);
        }
    }
}
