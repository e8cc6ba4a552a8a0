package dev.switchboard.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.text.Language;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How routing time grows with the message and with the policy, for the engine's full decision
 * ({@code CompiledPolicy.route(RouteRequest.of(message))}) and the best bare library scan (hankcs' double-array
 * Aho–Corasick trie over the same folded keywords and the pre-lower-cased text, counting hits), as in
 * {@link RoutingBenchmark}:
 *
 * <ul>
 *   <li>{@code decisionVsLength}, {@code peerHankcsVsLength}: the 5,000-keyword policy, messages of 100 to 8,000
 *       characters ({@link ByLength});
 *   <li>{@code decisionVsKeywords}, {@code peerHankcsVsKeywords}: 500-character messages, policies of 500 to 50,000
 *       generated keywords ({@link ByKeywords}).
 * </ul>
 *
 * <p>Each message holds 1–3 keywords of its policy and no other. Single thread, sample time, one fork; shorter
 * iterations than {@code RoutingBenchmark}, since there are 42 cells.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class RoutingScalingBenchmark {
    @Benchmark
    public void decisionVsLength(ByLength cell, Blackhole bh) {
        bh.consume(cell.compiled.route(RouteRequest.of(cell.message)));
    }

    @Benchmark
    public void peerHankcsVsLength(ByLength cell, Blackhole bh) {
        bh.consume(cell.hankcsHits());
    }

    @Benchmark
    public void decisionVsKeywords(ByKeywords cell, Blackhole bh) {
        bh.consume(cell.compiled.route(RouteRequest.of(cell.message)));
    }

    @Benchmark
    public void peerHankcsVsKeywords(ByKeywords cell, Blackhole bh) {
        bh.consume(cell.hankcsHits());
    }

    /** The 5,000-keyword policy; the message length varies. */
    @State(Scope.Benchmark)
    public static class ByLength extends Cell {
        @Param({"100", "500", "2000", "8000"})
        public int length;

        @Param({"zh", "ar", "en"})
        public String language;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(Fixtures.GENERATED_5K, language, length);
        }
    }

    /** 500-character messages; the number of generated keywords varies. */
    @State(Scope.Benchmark)
    public static class ByKeywords extends Cell {
        @Param({"500", "5000", "50000"})
        public int keywords;

        @Param({"zh", "ar", "en"})
        public String language;

        @Setup(Level.Trial)
        public void setUp() {
            String policy = Fixtures.GENERATED.entrySet().stream()
                    .filter(e -> e.getValue() == keywords)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no generated policy with " + keywords));
            prepare(policy, language, Fixtures.MESSAGE_LENGTH);
        }
    }

    /** One policy and message, with the same keywords in hankcs' trie; checks that the engine decides as planted. */
    abstract static class Cell {
        CompiledPolicy compiled;
        String message;
        private String lowerCased;
        private AhoCorasickDoubleArrayTrie<String> hankcs;
        private final RoutingBenchmark.HitCounter counter = new RoutingBenchmark.HitCounter();

        void prepare(String policy, String language, int length) {
            Language locale = Language.valueOf(language.toUpperCase(Locale.ROOT));
            long started = System.nanoTime();
            compiled = Fixtures.policy(policy);
            long compileMillis = (System.nanoTime() - started) / 1_000_000;
            Fixtures.Message fixture = Fixtures.message(policy, locale, length);
            message = fixture.text();
            lowerCased = Fixtures.lowerCased(message);
            List<String> keywords = Fixtures.keywords(compiled);
            Map<String, String> map = new TreeMap<>();
            keywords.forEach(k -> map.put(k, k));
            hankcs = new AhoCorasickDoubleArrayTrie<>();
            hankcs.build(map);

            Decision decision = compiled.route(RouteRequest.of(message));
            if (!decision.highRiskTriggered() || decision.locale() != locale) {
                throw new IllegalStateException("fixture does not decide as expected: " + decision);
            }
            System.out.printf(
                    "%nfixture %s/%s/%d: %d keywords (generated and compiled in %d ms), %d chars; planted %s;"
                            + " engine %d matches -> %s; hankcs %d hits%n",
                    policy,
                    language,
                    length,
                    keywords.size(),
                    compileMillis,
                    message.length(),
                    fixture.planted(),
                    decision.matches().size(),
                    decision.reasonCode(),
                    hankcsHits());
        }

        int hankcsHits() {
            counter.count = 0;
            hankcs.parseText(lowerCased, counter);
            return counter.count;
        }
    }
}
