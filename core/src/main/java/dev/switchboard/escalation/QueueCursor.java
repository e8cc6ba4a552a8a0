package dev.switchboard.escalation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in the queue — the sort key (priority, created at, id) of the last packet of a page — written as an
 * opaque URL-safe string. Keyset paging: a page costs the same however deep it is, and packets created meanwhile
 * neither repeat nor vanish. Immutable.
 */
public record QueueCursor(Priority priority, Instant createdAt, String id) {
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    public static QueueCursor of(Escalation packet) {
        return new QueueCursor(packet.content().priority(), packet.createdAt(), packet.id());
    }

    public String encode() {
        String plain = priority.ordinal() + "." + createdAt.toEpochMilli() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string encodes; empty when it is not one of ours. */
    public static Optional<QueueCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split("\\.", 3);
            if (parts.length != 3 || !ID.matcher(parts[2]).matches()) {
                return Optional.empty();
            }
            int rank = Integer.parseInt(parts[0]);
            long millis = Long.parseLong(parts[1]);
            if (rank < 0 || rank >= Priority.values().length || millis < 0) {
                return Optional.empty();
            }
            return Optional.of(new QueueCursor(Priority.values()[rank], Instant.ofEpochMilli(millis), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
