package dev.switchboard.bench;

import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.DefaultPolicy;
import dev.switchboard.policy.PolicyDocument;
import dev.switchboard.routing.Scenario;
import dev.switchboard.text.Language;
import dev.switchboard.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's inputs, generated deterministically from {@link #SEED}: the policies by name ({@code default}, the
 * built-in one; {@code generated5k}, 5,000 generated keywords) and one 500-character message per policy and language,
 * with 1–3 of that policy's keywords in it. Every contender gets the same text. Run {@code main} to print them.
 */
public final class Fixtures {
    public static final long SEED = 20_261_121L;
    public static final int MESSAGE_LENGTH = 500;
    public static final int GENERATED_KEYWORDS = 5_000;
    public static final String DEFAULT = "default";
    public static final String GENERATED_5K = "generated5k";

    private static final Map<String, CompiledPolicy> POLICIES = new HashMap<>();
    private static final Map<String, Message> MESSAGES = new HashMap<>();
    private static String generatedYaml;

    private Fixtures() {}

    /** A generated message and the keywords (folded forms) planted in it, in text order. */
    public record Message(String text, List<String> planted) {}

    /** The YAML of the generated 5,000-keyword policy. */
    public static synchronized String generatedPolicyYaml() {
        if (generatedYaml == null) {
            PolicyGenerator generator = new PolicyGenerator(SEED);
            generatedYaml = PolicyGenerator.yaml(generator.keywords(GENERATED_KEYWORDS));
        }
        return generatedYaml;
    }

    /** The compiled policy {@code default} or {@code generated5k}. */
    public static synchronized CompiledPolicy policy(String name) {
        return POLICIES.computeIfAbsent(name, n -> switch (n) {
            case DEFAULT -> DefaultPolicy.get();
            case GENERATED_5K -> compile(generatedPolicyYaml());
            default -> throw new IllegalArgumentException("unknown policy " + n);
        });
    }

    /** The 500-character message in {@code language} for policy {@code name}. */
    public static synchronized Message message(String name, Language language) {
        return MESSAGES.computeIfAbsent(name + "/" + language.code(), key -> {
            CompiledPolicy policy = policy(name);
            long seed = SEED * 31 + key.hashCode();
            return new MessageGenerator(policy, seed, MESSAGE_LENGTH).generate(language, keywords(policy, language));
        });
    }

    /**
     * The folded keywords of a policy's scenarios in one language (a trailing {@code *} dropped), without repeats: what
     * the engine's automaton looks for, and what the messages contain.
     */
    public static List<String> keywords(CompiledPolicy policy, Language language) {
        Set<String> folded = new LinkedHashSet<>();
        for (Scenario scenario : policy.policy().scenarios()) {
            for (String keyword : scenario.keywords().getOrDefault(language, List.of())) {
                folded.add(fold(keyword));
            }
        }
        return List.copyOf(folded);
    }

    /** The folded keywords of every language: the keyword set the bare library scans get. */
    public static List<String> keywords(CompiledPolicy policy) {
        Set<String> folded = new LinkedHashSet<>();
        for (Language language : Language.values()) {
            folded.addAll(keywords(policy, language));
        }
        return List.copyOf(folded);
    }

    /** The text the bare library scans get: the same message, lower-cased (no other normalization). */
    public static String lowerCased(String message) {
        return message.toLowerCase(Locale.ROOT);
    }

    static String fold(String keyword) {
        String body = keyword.endsWith("*") ? keyword.substring(0, keyword.length() - 1) : keyword;
        return TextNormalizer.fold(body).strip();
    }

    private static CompiledPolicy compile(String yaml) {
        try {
            return PolicyDocument.compile(yaml, DocumentFormat.YAML, 1);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("generated policy is invalid: " + e.getMessage(), e);
        }
    }

    /** Prints the fixtures: {@code policy} prints the generated YAML, anything else the messages. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("policy")) {
            System.out.print(generatedPolicyYaml());
            return;
        }
        for (String name : List.of(DEFAULT, GENERATED_5K)) {
            CompiledPolicy policy = policy(name);
            List<String> all = keywords(policy);
            System.out.printf("== policy %s: %d keywords%n", name, all.size());
            for (Language language : List.of(Language.ZH, Language.AR, Language.EN)) {
                Message message = message(name, language);
                List<String> matches = new ArrayList<>();
                policy.routing().findKeywords(message.text()).forEach(m -> matches.add(m.keyword()));
                System.out.printf(
                        "-- %s/%s: %d chars, planted %s, engine finds %s%n%s%n",
                        name, language.code(), message.text().length(), message.planted(), matches, message.text());
            }
        }
    }
}
