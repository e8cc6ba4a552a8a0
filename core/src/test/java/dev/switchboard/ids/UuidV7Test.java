package dev.switchboard.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    @Test
    void versionVariantAndTimestampFollowTheRfc() {
        Instant at = Instant.parse("2026-11-21T12:00:00.123Z");
        UUID id = new UuidV7(Clock.fixed(at, ZoneOffset.UTC)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void idsOfOneGeneratorIncreaseEvenOnAStoppedClock() {
        UuidV7 ids = new UuidV7(Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC));
        String previous = ids.nextString();
        for (int i = 0; i < 3_000; i++) {
            String next = ids.nextString();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void concurrentThreadsGetDistinctIdsWithVaryingRandomBits() throws Exception {
        UuidV7 ids = new UuidV7(Clock.systemUTC());
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<Future<List<UUID>>> futures = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) {
                futures.add(executor.submit(() -> {
                    List<UUID> mine = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        mine.add(ids.next());
                    }
                    return mine;
                }));
            }
            for (Future<List<UUID>> future : futures) {
                seen.addAll(future.get());
            }
        }
        assertThat(seen).hasSize(64_000);

        // The 62 random bits: every bit position takes both values, about half the time each.
        int[] ones = new int[62];
        Set<Long> randomParts = new HashSet<>();
        for (UUID id : seen) {
            long random = id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL;
            randomParts.add(random);
            for (int bit = 0; bit < 62; bit++) {
                ones[bit] += (int) ((random >>> bit) & 1);
            }
        }
        assertThat(randomParts).hasSize(64_000);
        for (int bit = 0; bit < 62; bit++) {
            assertThat(ones[bit]).as("bit %d", bit).isBetween(30_000, 34_000);
        }
    }
}
