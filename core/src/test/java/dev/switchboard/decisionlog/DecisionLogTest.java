package dev.switchboard.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.Mode;
import dev.switchboard.text.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The decision log's writer thread against a store kept in memory: batching, the pause, closing, failures. */
class DecisionLogTest {
    /** A store that keeps each appended batch, or fails every append while {@code failing}. */
    private static final class BatchStore implements DecisionLogStore {
        final List<List<DecisionRecord>> batches = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void append(List<DecisionRecord> batch) {
            if (failing) {
                throw new IllegalStateException("the store is away");
            }
            batches.add(List.copyOf(batch));
        }

        @Override
        public List<DecisionRecord> query(DecisionQuery query) {
            return batches.stream().flatMap(List::stream).toList();
        }

        int records() {
            return batches.stream().mapToInt(List::size).sum();
        }
    }

    private static DecisionRecord record(int i) {
        return new DecisionRecord(
                "acme",
                "d-" + i,
                Instant.EPOCH.plusMillis(i),
                "s-" + i,
                Mode.AGENT,
                DecidedBy.DEFAULT,
                null,
                null,
                List.of(),
                1,
                Language.EN,
                "hash",
                "text");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
            Thread.sleep(5);
        }
    }

    @Test
    void theWriterStoresWhatIsOffered_inBatchesOfAtMostTheBatchSize_inOrder() throws Exception {
        BatchStore store = new BatchStore();
        try (DecisionLog log = new DecisionLog(store, 10_000)) {
            int count = 2 * DecisionLog.BATCH_SIZE + 17;
            for (int i = 0; i < count; i++) {
                assertThat(log.offer(record(i))).isTrue();
            }
            await(() -> log.written() == count);
            assertThat(store.batches)
                    .allSatisfy(batch -> assertThat(batch.size()).isBetween(1, DecisionLog.BATCH_SIZE));
            List<String> ids = new ArrayList<>();
            store.batches.forEach(batch -> batch.forEach(r -> ids.add(r.decisionId())));
            assertThat(ids).hasSize(count).startsWith("d-0", "d-1").endsWith("d-" + (count - 1));
            assertThat(log.dropped()).isZero();
            assertThat(log.pending()).isZero();
        }
    }

    @Test
    void recordsArrivingOneByOne_areGatheredIntoFewerCommits() throws Exception {
        BatchStore store = new BatchStore();
        try (DecisionLog log = new DecisionLog(store, 10_000)) {
            int count = 60;
            for (int i = 0; i < count; i++) {
                log.offer(record(i));
                Thread.sleep(1);
            }
            await(() -> log.written() == count);
            // A writer woken by every record would have committed about once per record.
            assertThat(store.batches.size()).isLessThan(count / 2);
        }
    }

    @Test
    void closing_writesWhatIsQueued_andLaterRecordsAreDroppedAndCounted() {
        BatchStore store = new BatchStore();
        DecisionLog log = new DecisionLog(store, 10_000);
        for (int i = 0; i < 1_234; i++) {
            log.offer(record(i));
        }
        log.close();
        assertThat(store.records()).isEqualTo(1_234);
        assertThat(log.written()).isEqualTo(1_234);

        assertThat(log.offer(record(9_999))).isFalse();
        assertThat(log.dropped()).isEqualTo(1);
        assertThat(store.records()).isEqualTo(1_234);
    }

    @Test
    void aFullQueue_andAFailedWrite_countTheirRecordsAsDropped() throws Exception {
        BatchStore store = new BatchStore();
        store.failing = true;
        try (DecisionLog log = new DecisionLog(store, 3)) {
            // The queue holds three: offering faster than the writer takes them is refused soon.
            int offered = 0;
            boolean refused = false;
            while (!refused && offered < 1_000_000) {
                refused = !log.offer(record(offered));
                offered++;
            }
            assertThat(refused).isTrue();
            int total = offered;
            // What the queue took is then lost to the failing store, and counted too.
            await(() -> log.dropped() == total);
            assertThat(log.written()).isZero();

            store.failing = false;
            assertThat(log.offer(record(100))).isTrue();
            await(() -> log.written() == 1);
            assertThat(store.records()).isEqualTo(1);
        }
    }
}
