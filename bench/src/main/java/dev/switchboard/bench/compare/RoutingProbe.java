package dev.switchboard.bench.compare;

import dev.switchboard.bench.Fixtures;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.text.Language;
import java.util.Arrays;

/**
 * What {@link SameJvmComparison} runs inside each build: the benchmark's 500-character messages, through the
 * keyword scan alone or the full decision. {@link SameJvmComparison} defines this class afresh in every build's class
 * loader, so it uses only what every build has: {@link Fixtures}, {@link CompiledPolicy#route} and
 * {@code routing().findKeywords}.
 */
public final class RoutingProbe {
    /** The cells' kinds of work, in the order of {@link #run}'s {@code work} argument. */
    public static final String[] WORK = {"scan", "decision"};

    private static final int BLOCKS = 5;

    private static CompiledPolicy policy;
    private static String[] messages;
    /** Keeps the results alive, so that the compiler cannot drop the work. */
    private static long sink;

    private RoutingProbe() {}

    /** Compiles {@code policyName} and picks its messages; call once before {@link #run}. */
    public static void init(String policyName) {
        policy = Fixtures.policy(policyName);
        messages = Arrays.stream(Language.values())
                .map(language -> Fixtures.message(policyName, language).text())
                .toArray(String[]::new);
    }

    /** The languages, in the order of {@link #run}'s {@code language} argument. */
    public static String[] languages() {
        return Arrays.stream(Language.values()).map(Language::code).toArray(String[]::new);
    }

    /**
     * Runs {@code calls} calls of one cell in five blocks and returns the median block's nanoseconds per call: a block
     * that a collection or the compiler interrupted does not count.
     */
    public static double run(int language, int work, int calls) {
        String message = messages[language];
        int perBlock = Math.max(1, calls / BLOCKS);
        long[] blocks = new long[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long started = System.nanoTime();
            for (int c = 0; c < perBlock; c++) {
                sink += work == 0
                        ? policy.routing().findKeywords(message).size()
                        : policy.route(RouteRequest.of(message)).matches().size();
            }
            blocks[b] = System.nanoTime() - started;
        }
        Arrays.sort(blocks);
        return blocks[BLOCKS / 2] / (double) perBlock;
    }
}
