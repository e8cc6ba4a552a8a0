package dev.switchboard.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets (API keys, tokens) and their hashes. Thread-safe. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /**
     * Copied for each hash: {@code MessageDigest.getInstance} looks the algorithm up among the security providers on
     * every call, which costs more than hashing an API key (done for every request) or a message.
     */
    private static final MessageDigest SHA_256 = prototype();

    private Secrets() {}

    /** {@code bytes} random bytes, URL-safe base64 without padding ({@code bytes * 8} bits of entropy). */
    public static String random(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return URL.encodeToString(secret);
    }

    /** SHA-256 of the UTF-8 text; fine for high-entropy secrets, which need no slow hash. */
    public static byte[] sha256(String text) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = prototype();
        }
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Lowercase hex of SHA-256, e.g. for message hashes in logs. */
    public static String sha256Hex(String text) {
        return java.util.HexFormat.of().formatHex(sha256(text));
    }

    /** Compares in time independent of where the inputs differ. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
