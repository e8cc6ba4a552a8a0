package dev.switchboard.bench.queue;

import dev.switchboard.escalation.EscalationPage;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationStats;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.QueueCursor;
import dev.switchboard.store.Database;
import dev.switchboard.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Pages of the escalation queue with 1,000,000 open packets in the tenant ({@link QueueFixture}), through the store
 * as the API reads them (SQL, row mapping, JSON details parsed), 50 packets a page:
 *
 * <ul>
 *   <li>{@code firstPage}: {@code status=pending,in_progress}, the operator's default view;
 *   <li>{@code firstPageHigh}: the same, {@code priority=high};
 *   <li>{@code firstPageAssignee}: the open packets one operator holds (10,000 of them);
 *   <li>{@code deepPage}: the page after a cursor half-way down the queue.
 * </ul>
 *
 * <p>And the supervisor statistics of the same tenant ({@code GET /v1/stats}, the store's {@code stats}), with its
 * 250,000 resolved packets as well, at the moment the last packet was created:
 *
 * <ul>
 *   <li>{@code stats}: all time (no {@code since});
 *   <li>{@code statsLastDay}: {@code since} 24 hours before.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
public class QueueBenchmark {
    private static final int PAGE = 50;
    private static final Set<EscalationStatus> OPEN =
            EnumSet.of(EscalationStatus.PENDING, EscalationStatus.IN_PROGRESS);
    private static final Instant DAY_BEFORE = QueueFixture.END.minus(Duration.ofDays(1));

    @Param({"postgresql", "sqlite"})
    public String store;

    private Database database;
    private Stores stores;
    private EscalationQuery deep;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        database = QueueFixture.open(store);
        stores = new Stores(database);
        EscalationPage first = firstPage();
        if (first.items().size() != PAGE) {
            throw new IllegalStateException("the queue has " + first.items().size() + " packets on its first page");
        }
        // The cursor of the packet half-way down: medium priority, mid-way through its days.
        deep = EscalationQuery.openQueue(PAGE)
                .after(new QueueCursor(
                        Priority.MEDIUM,
                        first.items().getFirst().createdAt().plus(Duration.ofDays(15)),
                        "ffffffff-ffff-7fff-bfff-ffffffffffff"));
        if (params.getBenchmark().contains(".stats")) {
            long started = System.nanoTime();
            EscalationStats stats = params.getBenchmark().endsWith("LastDay") ? statsLastDay() : stats();
            System.out.printf(
                    "%nstats on %s in %d ms: %,d packets %s, resolution p50 %.2f / p90 %.2f min, SLA met %s,"
                            + " histogram %s%n",
                    store,
                    (System.nanoTime() - started) / 1_000_000,
                    stats.total(),
                    stats.byStatus(),
                    stats.p50ResolutionMinutes(),
                    stats.p90ResolutionMinutes(),
                    stats.slaMetRatio(),
                    stats.resolutionHistogram());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public EscalationPage firstPage() {
        return stores.escalations().list(QueueFixture.TENANT, EscalationQuery.openQueue(PAGE));
    }

    @Benchmark
    public EscalationPage firstPageHigh() {
        return stores.escalations()
                .list(
                        QueueFixture.TENANT,
                        new EscalationQuery(OPEN, Set.of(Priority.HIGH), null, null, null, null, null, PAGE, null));
    }

    @Benchmark
    public EscalationPage firstPageAssignee() {
        return stores.escalations()
                .list(
                        QueueFixture.TENANT,
                        new EscalationQuery(OPEN, Set.of(), "operator-7", null, null, null, null, PAGE, null));
    }

    @Benchmark
    public EscalationPage deepPage() {
        return stores.escalations().list(QueueFixture.TENANT, deep);
    }

    /** Fewer iterations than the pages: a single call takes seconds at this size. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 2)
    public EscalationStats stats() {
        return stores.escalations().stats(QueueFixture.TENANT, Instant.EPOCH, QueueFixture.END);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 2)
    public EscalationStats statsLastDay() {
        return stores.escalations().stats(QueueFixture.TENANT, DAY_BEFORE, QueueFixture.END);
    }
}
