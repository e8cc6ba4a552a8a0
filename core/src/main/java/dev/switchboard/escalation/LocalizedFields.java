package dev.switchboard.escalation;

/** An escalation's human-facing texts in one language ({@code i18n.zh}, …); any may be null. */
public record LocalizedFields(String title, String suggestedAction, String riskIfDelayed) {}
