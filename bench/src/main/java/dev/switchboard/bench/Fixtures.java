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
 * built-in one; {@code generated5k}, 5,000 generated keywords; {@code generated500} and {@code generated50k} for the
 * scaling benchmark) and one message per policy, language and length (500 characters unless given), with 1–3 of that
 * policy's keywords in it. Every contender gets the same text. Run {@code main} to print them.
 */
public final class Fixtures {
    public static final long SEED = 20_261_121L;
    public static final int MESSAGE_LENGTH = 500;
    public static final int GENERATED_KEYWORDS = 5_000;
    public static final String DEFAULT = "default";
    public static final String GENERATED_5K = "generated5k";
    public static final String GENERATED_500 = "generated500";
    public static final String GENERATED_50K = "generated50k";
    /** The generated policies by name, and how many keywords each has; each is a prefix of the next. */
    static final Map<String, Integer> GENERATED =
            Map.of(GENERATED_500, 500, GENERATED_5K, 5_000, GENERATED_50K, 50_000);

    private static final Map<String, CompiledPolicy> POLICIES = new HashMap<>();
    private static final Map<String, Message> MESSAGES = new HashMap<>();
    private static final Map<Integer, String> GENERATED_YAML = new HashMap<>();

    private Fixtures() {}

    /** A generated message and the keywords (folded forms) planted in it, in text order. */
    public record Message(String text, List<String> planted) {}

    /** The YAML of the generated 5,000-keyword policy. */
    public static String generatedPolicyYaml() {
        return generatedPolicyYaml(GENERATED_KEYWORDS);
    }

    /** The YAML of a generated policy with {@code keywords} keywords; its first keywords are those of smaller ones. */
    public static synchronized String generatedPolicyYaml(int keywords) {
        return GENERATED_YAML.computeIfAbsent(
                keywords, n -> PolicyGenerator.yaml(new PolicyGenerator(SEED).keywords(n)));
    }

    /** The compiled policy {@code default}, {@code generated500}, {@code generated5k} or {@code generated50k}. */
    public static synchronized CompiledPolicy policy(String name) {
        return POLICIES.computeIfAbsent(name, n -> {
            if (n.equals(DEFAULT)) {
                return DefaultPolicy.get();
            }
            Integer keywords = GENERATED.get(n);
            if (keywords == null) {
                throw new IllegalArgumentException("unknown policy " + n);
            }
            return compile(generatedPolicyYaml(keywords));
        });
    }

    /** The 500-character message in {@code language} for policy {@code name}. */
    public static Message message(String name, Language language) {
        return message(name, language, MESSAGE_LENGTH);
    }

    /**
     * The message of {@code length} characters in {@code language} for policy {@code name}. Its seed comes from the
     * policy, the language and any length other than 500, so the 500-character messages are those of
     * {@link #message(String, Language)}.
     */
    public static synchronized Message message(String name, Language language, int length) {
        String key = name + "/" + language.code() + (length == MESSAGE_LENGTH ? "" : "/" + length);
        return MESSAGES.computeIfAbsent(key, k -> {
            CompiledPolicy policy = policy(name);
            long seed = SEED * 31 + k.hashCode();
            return new MessageGenerator(policy, seed, length).generate(language, keywords(policy, language));
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

    /**
     * Prints the fixtures: {@code policy} prints the generated YAML (5,000 keywords, or as many as the next argument
     * says), anything else the messages.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("policy")) {
            int keywords = args.length > 1 ? Integer.parseInt(args[1]) : GENERATED_KEYWORDS;
            System.out.print(generatedPolicyYaml(keywords));
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
