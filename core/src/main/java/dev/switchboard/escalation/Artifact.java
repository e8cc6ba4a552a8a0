package dev.switchboard.escalation;

/** Something a human needs to see to decide: a text, a link, the context that triggered the escalation. */
public record Artifact(String type, String name, String content, String url) {}
