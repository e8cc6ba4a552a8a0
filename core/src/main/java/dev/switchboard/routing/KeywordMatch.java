package dev.switchboard.routing;

/**
 * A keyword found in a message: its scenario, the keyword as the policy wrote it, and where it lies in the original
 * message (UTF-16 offsets, end exclusive).
 */
public record KeywordMatch(String scenario, String keyword, int start, int end) {}
