package dev.switchboard.policy;

import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The policy every tenant starts on ({@code default-policy.yaml}): the seed's Chinese keywords with more Chinese,
 * English and Arabic (MSA, Gulf, Levantine, Egyptian, Maghrebi) ones, exclusions for false friends, default messages
 * and thresholds. How it was built and how well it detects each scenario: {@code docs/default-policy.md}.
 */
public final class DefaultPolicy {
    public static final String RESOURCE = "default-policy.yaml";

    private DefaultPolicy() {}

    private static final class Holder {
        static final String TEXT = load();
        static final CompiledPolicy POLICY = compile(TEXT);
    }

    /** The default policy compiled as version 1. */
    public static CompiledPolicy get() {
        return Holder.POLICY;
    }

    /** The YAML text of the default policy. */
    public static String text() {
        return Holder.TEXT;
    }

    private static String load() {
        try (InputStream in = DefaultPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompiledPolicy compile(String text) {
        try {
            return PolicyDocument.compile(Documents.parse(text, DocumentFormat.YAML), 1, List.of(), List.of());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("the default policy is invalid: " + e.getMessage(), e);
        }
    }
}
