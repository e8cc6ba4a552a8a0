package dev.switchboard.escalation;

import dev.switchboard.text.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an escalation is about — fixed when it is created (SPEC §3.1): the seed's packet fields and Switchboard's
 * ({@code targetRole}, {@code sessionId}, {@code ruleIds}, {@code i18n}). {@code dueAt} may be null in a request (the
 * SLA then sets it); {@code dedupKey} marks auto-escalations: one open packet per entity and top rule. Optional texts
 * are null when absent. Immutable; see {@link #builder} to write one in Java.
 */
public record EscalationContent(
        String title,
        String titleAr,
        String entityType,
        String entityId,
        String workflowName,
        String failedStep,
        EscalationReason reason,
        List<String> missingData,
        Priority priority,
        Instant dueAt,
        String riskIfDelayed,
        String riskIfDelayedAr,
        List<Artifact> artifacts,
        String suggestedAction,
        String suggestedActionAr,
        Double confidence,
        String targetRole,
        String sessionId,
        List<String> ruleIds,
        Map<Language, LocalizedFields> i18n,
        String dedupKey) {
    /** Most artifacts one packet may carry. */
    public static final int MAX_ARTIFACTS = 20;
    /** Most characters of one artifact's content. */
    public static final int MAX_ARTIFACT_CONTENT = 32_000;

    public EscalationContent {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(priority, "priority");
        missingData = List.copyOf(missingData);
        artifacts = List.copyOf(artifacts);
        ruleIds = List.copyOf(ruleIds);
        i18n = i18n.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(i18n));
        if (artifacts.size() > MAX_ARTIFACTS) {
            throw new IllegalArgumentException("at most " + MAX_ARTIFACTS + " artifacts, got " + artifacts.size());
        }
        for (Artifact artifact : artifacts) {
            if (artifact.content() != null && artifact.content().length() > MAX_ARTIFACT_CONTENT) {
                throw new IllegalArgumentException(
                        "artifact " + artifact.name() + " is longer than " + MAX_ARTIFACT_CONTENT + " characters");
            }
        }
    }

    /** The same content due at {@code at}. */
    public EscalationContent withDueAt(Instant at) {
        return new EscalationContent(
                title,
                titleAr,
                entityType,
                entityId,
                workflowName,
                failedStep,
                reason,
                missingData,
                priority,
                at,
                riskIfDelayed,
                riskIfDelayedAr,
                artifacts,
                suggestedAction,
                suggestedActionAr,
                confidence,
                targetRole,
                sessionId,
                ruleIds,
                i18n,
                dedupKey);
    }

    /** A packet about {@code entityType}/{@code entityId}; the other fields are optional ({@link Priority#MEDIUM}). */
    public static Builder builder(String title, String entityType, String entityId, EscalationReason reason) {
        return new Builder(title, entityType, entityId, reason);
    }

    /** Writes an {@link EscalationContent} field by field. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private final String entityType;
        private final String entityId;
        private final EscalationReason reason;
        private String titleAr;
        private String workflowName;
        private String failedStep;
        private final List<String> missingData = new ArrayList<>();
        private Priority priority = Priority.MEDIUM;
        private Instant dueAt;
        private String riskIfDelayed;
        private String riskIfDelayedAr;
        private final List<Artifact> artifacts = new ArrayList<>();
        private String suggestedAction;
        private String suggestedActionAr;
        private Double confidence;
        private String targetRole;
        private String sessionId;
        private final List<String> ruleIds = new ArrayList<>();
        private final Map<Language, LocalizedFields> i18n = new EnumMap<>(Language.class);
        private String dedupKey;

        private Builder(String title, String entityType, String entityId, EscalationReason reason) {
            this.title = title;
            this.entityType = entityType;
            this.entityId = entityId;
            this.reason = reason;
        }

        public Builder titleAr(String value) {
            titleAr = value;
            return this;
        }

        public Builder workflow(String name, String failedStep) {
            this.workflowName = name;
            this.failedStep = failedStep;
            return this;
        }

        public Builder missingData(List<String> fields) {
            missingData.addAll(fields);
            return this;
        }

        public Builder priority(Priority value) {
            priority = value;
            return this;
        }

        /** Overrides the SLA: the packet is due at {@code at}. */
        public Builder dueAt(Instant at) {
            dueAt = at;
            return this;
        }

        public Builder riskIfDelayed(String en, String ar) {
            riskIfDelayed = en;
            riskIfDelayedAr = ar;
            return this;
        }

        public Builder suggestedAction(String en, String ar) {
            suggestedAction = en;
            suggestedActionAr = ar;
            return this;
        }

        public Builder artifact(Artifact artifact) {
            artifacts.add(artifact);
            return this;
        }

        public Builder confidence(Double value) {
            confidence = value;
            return this;
        }

        public Builder targetRole(String role) {
            targetRole = role;
            return this;
        }

        public Builder session(String id) {
            sessionId = id;
            return this;
        }

        public Builder ruleIds(List<String> ids) {
            ruleIds.addAll(ids);
            return this;
        }

        public Builder localized(Language language, LocalizedFields fields) {
            i18n.put(language, fields);
            return this;
        }

        /** Marks an auto-escalation: while a packet with this key is open, no second one is created. */
        public Builder dedupKey(String key) {
            dedupKey = key;
            return this;
        }

        public EscalationContent build() {
            return new EscalationContent(
                    title,
                    titleAr,
                    entityType,
                    entityId,
                    workflowName,
                    failedStep,
                    reason,
                    missingData,
                    priority,
                    dueAt,
                    riskIfDelayed,
                    riskIfDelayedAr,
                    artifacts,
                    suggestedAction,
                    suggestedActionAr,
                    confidence,
                    targetRole,
                    sessionId,
                    ruleIds,
                    i18n,
                    dedupKey);
        }
    }
}
