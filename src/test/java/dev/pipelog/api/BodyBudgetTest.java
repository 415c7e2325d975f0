package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void aReservationThatDoesNotFitFailsAtOnceAndHoldsNothing() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Reservation first = budget.reservation();
        BodyBudget.Reservation second = budget.reservation();

        assertThat(first.grow(60)).isTrue();
        assertThat(second.grow(50)).isFalse();
        assertThat(second.bytes()).isZero();
        assertThat(budget.held()).isEqualTo(60);
        assertThat(second.grow(40)).isTrue();
        assertThat(budget.held()).isEqualTo(100);
    }

    @Test
    void releaseGivesEverythingBackOnceAndAReleasedReservationCannotGrowAgain() {
        BodyBudget budget = new BodyBudget(100, 100);
        BodyBudget.Reservation r = budget.reservation();
        assertThat(r.grow(30)).isTrue();
        assertThat(r.grow(20)).isTrue();

        r.release();
        r.release();
        assertThat(budget.held()).isZero();
        assertThat(r.grow(10)).as("a grow after the release would never be given back").isFalse();
        assertThat(budget.held()).isZero();
        budget.reservation().release();
        assertThat(budget.held()).isZero();
    }

    @Test
    void aLegalBodyAlwaysFitsAnIdleBudget() {
        assertThatThrownBy(() -> new BodyBudget(99, 100)).isInstanceOf(IllegalArgumentException.class);
        BodyBudget budget = new BodyBudget(100, 100);
        assertThat(budget.reservation().grow(100)).isTrue();
    }

    @Test
    void theDefaultCapacityIsAnEighthOfTheHeapButAtLeastTwoBodies() {
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(BodyBudget.defaultCapacity(1024)).isEqualTo(heap / 8);
        assertThat(BodyBudget.defaultCapacity(heap)).isEqualTo(2 * heap);
        assertThat(new BodyBudget(BodyBudget.defaultCapacity(16L << 20), 16L << 20).capacity())
                .isGreaterThanOrEqualTo(32L << 20);
    }

    @Test
    void manyThreadsNeverHoldMoreThanTheCapacityAndEndAtZero() throws Exception {
        BodyBudget budget = new BodyBudget(1_000, 100);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> peaks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                peaks.add(pool.submit(() -> {
                    go.await();
                    long peak = 0;
                    for (int i = 0; i < 20_000; i++) {
                        BodyBudget.Reservation r = budget.reservation();
                        while (r.grow(ThreadLocalRandom.current().nextInt(1, 100))) {
                            peak = Math.max(peak, budget.held());
                        }
                        r.release();
                    }
                    return peak;
                }));
            }
            go.countDown();
            for (Future<Long> peak : peaks) {
                assertThat(peak.get()).isBetween(1L, 1_000L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget.held()).isZero();
    }

    @Test
    void theGzipTrailerAnnouncesTheDecodedSizeCappedAtTheLargestBody() throws IOException {
        byte[] plain = "x".repeat(70_000).getBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        byte[] gzip = out.toByteArray();

        assertThat(GzipTrailer.decodedSize(gzip, gzip.length, 1L << 20)).isEqualTo(70_000);
        assertThat(GzipTrailer.decodedSize(gzip, gzip.length, 50_000)).isEqualTo(50_000);
        byte[] chunkedBuffer = java.util.Arrays.copyOf(gzip, gzip.length * 2);
        assertThat(GzipTrailer.decodedSize(chunkedBuffer, gzip.length, 1L << 20))
                .as("a chunked body's buffer, longer than the body").isEqualTo(70_000);
        assertThat(GzipTrailer.decodedSize(new byte[] {1, 2, 3}, 3, 1L << 20)).isZero();
        byte[] notGzip = new byte[64];
        notGzip[notGzip.length - 1] = 0x7f; // a huge "announced size" in a body that is no gzip at all
        assertThat(GzipTrailer.decodedSize(notGzip, notGzip.length, 1L << 20)).as("left to the decoder to refuse").isZero();
    }

    @Test
    void oneClientAddressHoldsAtMostItsShareAndOthersStillGetRoom() throws Exception {
        BodyBudget budget = new BodyBudget(400, 50);
        java.net.InetAddress a = java.net.InetAddress.getByName("127.0.0.1");
        java.net.InetAddress b = java.net.InetAddress.getByName("127.0.0.2");
        assertThat(budget.perClientCapacity()).isEqualTo(200);

        BodyBudget.Reservation first = budget.reservation(a);
        assertThat(first.grow(150)).isTrue();
        assertThat(budget.reservation(a).grow(100)).as("past a's share").isFalse();
        assertThat(budget.reservation(b).grow(200)).as("b's own share").isTrue();

        first.release();
        assertThat(budget.reservation(a).grow(200)).as("a's room came back").isTrue();
    }

    @Test
    void theShareIsNeverLessThanTwoMaximumBodies() {
        assertThat(new BodyBudget(200, 100).perClientCapacity()).isEqualTo(200);
        assertThat(new BodyBudget(300, 100).perClientCapacity()).isEqualTo(200);
    }
}
