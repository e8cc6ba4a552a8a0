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
import org.ahocorasick.trie.Trie;
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
 * One 500-character message, per language and policy, through four contenders:
 *
 * <ul>
 *   <li>{@code decision}: the engine's full decision — script detection, fold, keyword scan, exclusions, decision
 *       order and trace — as a caller gets it from {@code CompiledPolicy.route(RouteRequest.of(message))};
 *   <li>{@code decisionLocaleGiven}: the same with the locale given by the caller (no script detection);
 *   <li>{@code keywordsOnly}: the engine's matches alone ({@code routing().findKeywords}: fold, scan, exclusions);
 *   <li>{@code peerAhoCorasick} and {@code peerHankcs}: a bare scan of the same folded keywords over the same text,
 *       lower-cased beforehand (the libraries do no normalization and no word-boundary check), by
 *       {@code org.ahocorasick} and by hankcs' double-array Aho–Corasick trie.
 * </ul>
 *
 * <p>Single thread, sample time (so the report has percentiles), three forks: a fork's median can differ from the
 * next one's by a third on a small cloud machine (code layout, where the arrays landed), so a cell's percentiles are
 * those of the three forks' samples together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class RoutingBenchmark {
    @Param({"zh", "ar", "en"})
    public String language;

    @Param({Fixtures.DEFAULT, Fixtures.GENERATED_5K})
    public String policy;

    private CompiledPolicy compiled;
    private Language locale;
    private String message;
    private String lowerCased;
    private Trie ahoCorasick;
    private AhoCorasickDoubleArrayTrie<String> hankcs;
    private final HitCounter counter = new HitCounter();

    @Setup(Level.Trial)
    public void setUp() {
        locale = Language.valueOf(language.toUpperCase(Locale.ROOT));
        compiled = Fixtures.policy(policy);
        Fixtures.Message fixture = Fixtures.message(policy, locale);
        message = fixture.text();
        lowerCased = Fixtures.lowerCased(message);
        List<String> keywords = Fixtures.keywords(compiled);
        ahoCorasick = Trie.builder().addKeywords(keywords).build();
        Map<String, String> map = new TreeMap<>();
        keywords.forEach(k -> map.put(k, k));
        hankcs = new AhoCorasickDoubleArrayTrie<>();
        hankcs.build(map);

        Decision decision = compiled.route(RouteRequest.of(message));
        if (!decision.highRiskTriggered() || decision.locale() != locale) {
            throw new IllegalStateException("fixture does not decide as expected: " + decision);
        }
        counter.count = 0;
        hankcs.parseText(lowerCased, counter);
        System.out.printf(
                "%nfixture %s/%s: %d keywords, %d chars; planted %s; engine %d matches -> %s %s;"
                        + " org.ahocorasick %d emits; hankcs %d hits%n",
                policy,
                language,
                keywords.size(),
                message.length(),
                fixture.planted(),
                decision.matches().size(),
                decision.mode(),
                decision.reasonCode(),
                ahoCorasick.parseText(lowerCased).size(),
                counter.count);
    }

    @Benchmark
    public void decision(Blackhole bh) {
        bh.consume(compiled.route(RouteRequest.of(message)));
    }

    @Benchmark
    public void decisionLocaleGiven(Blackhole bh) {
        bh.consume(compiled.route(RouteRequest.of(message).withLocale(locale)));
    }

    @Benchmark
    public void keywordsOnly(Blackhole bh) {
        bh.consume(compiled.routing().findKeywords(message));
    }

    @Benchmark
    public void peerAhoCorasick(Blackhole bh) {
        bh.consume(ahoCorasick.parseText(lowerCased));
    }

    @Benchmark
    public void peerHankcs(Blackhole bh) {
        counter.count = 0;
        hankcs.parseText(lowerCased, counter);
        bh.consume(counter.count);
    }

    /** Counts hits without keeping them, so the scan allocates nothing. */
    static final class HitCounter implements AhoCorasickDoubleArrayTrie.IHit<String> {
        int count;

        @Override
        public void hit(int begin, int end, String value) {
            count++;
        }
    }
}
