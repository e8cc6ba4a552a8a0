package dev.switchboard.tenant;

import dev.switchboard.text.Language;
import java.time.Instant;
import java.time.ZoneId;

/** A customer of the Switchboard instance; every object belongs to exactly one. Immutable. */
public record Tenant(String id, String name, Language defaultLocale, ZoneId timezone, Instant createdAt) {}
