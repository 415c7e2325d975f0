package dev.pipelog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Server-assigned ids: UUIDv7, unique across threads, ordered by the millisecond they were made in. */
class RecordIdsTest {
    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(RecordIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void manyThreadsNeverMakeTheSameId() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> made = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                made.add(pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        seen.add(RecordIds.next());
                    }
                    return 50_000;
                }));
            }
            int total = 0;
            for (Future<Integer> f : made) {
                total += f.get();
            }
            assertThat(seen).hasSize(total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterEarlierOnes() throws Exception {
        String first = RecordIds.next();
        Thread.sleep(2);
        String second = RecordIds.next();
        assertThat(second).isGreaterThan(first);
    }
}
