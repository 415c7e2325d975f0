package dev.pipelog.ui.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.SortOrder;
import dev.pipelog.ui.UiFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeker finds the exact records at any row using keyset reads only, as the table needs when
 * the user drags the scroll bar into the middle of more matches than it could page through.
 */
class KeysetSeekerTest {
    @TempDir
    static Path dir;
    private static UiFixture fixture;

    @BeforeAll
    static void fillStore() {
        fixture = UiFixture.withDemoData(dir, 40_000);
    }

    @AfterAll
    static void closeStore() {
        fixture.close();
    }

    @Test
    void findsTheExactRecordsAtRowsFarFromAnyLoadedPage() {
        LogQuery query = LogQuery.builder().order(SortOrder.ASCENDING).build();
        List<LogRecord> all = fixture.readAll(query);
        KeysetSeeker seeker = new KeysetSeeker(fixture.store, query);

        for (int row : new int[] {0, 9_000, 20_001, 31_500, all.size() - 1}) {
            Block block = seekLikeTheTable(seeker, row, all.size());
            assertThat(block.contains(row)).as("row %d", row).isTrue();
            assertThat(block.records()).as("rows from %d", block.start())
                    .isEqualTo(all.subList(block.start(), block.end()));
        }
    }

    @Test
    void seeksWithinFilteredMatchesToo() {
        LogQuery query = LogQuery.builder().order(SortOrder.ASCENDING).levels(Set.of(Level.INFO, Level.DEBUG)).build();
        List<LogRecord> all = fixture.readAll(query);
        KeysetSeeker seeker = new KeysetSeeker(fixture.store, query);
        int row = all.size() / 2;

        Block block = seekLikeTheTable(seeker, row, all.size());

        assertThat(block.records()).isEqualTo(all.subList(block.start(), block.end()));
        assertThat(block.contains(row)).isTrue();
    }

    @Test
    void continuesFromALoadedBlockInBothDirections() {
        LogQuery query = LogQuery.builder().order(SortOrder.ASCENDING).build();
        List<LogRecord> all = fixture.readAll(query);
        KeysetSeeker seeker = new KeysetSeeker(fixture.store, query);
        Block middle = new Block(20_000, all.subList(20_000, 20_200));

        Block after = seeker.fetch(20_500, all.size(), middle, null, List.of(middle));
        Block before = seeker.fetch(19_500, all.size(), null, middle, List.of(middle));

        assertThat(after.records()).isEqualTo(all.subList(after.start(), after.end()));
        assertThat(after.contains(20_500)).isTrue();
        assertThat(before.records()).isEqualTo(all.subList(before.start(), before.end()));
        assertThat(before.contains(19_500)).isTrue();
    }

    /** As the list does: each read that misses still leaves an anchor the next read starts from. */
    private static Block seekLikeTheTable(KeysetSeeker seeker, int row, int size) {
        List<Block> known = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            Block before = known.stream().filter(b -> b.end() <= row).reduce((a, b) -> a.end() > b.end() ? a : b).orElse(null);
            Block after = known.stream().filter(b -> b.start() > row).reduce((a, b) -> a.start() < b.start() ? a : b).orElse(null);
            Block block = seeker.fetch(row, size, before, after, List.copyOf(known));
            if (block.contains(row)) {
                return block;
            }
            known.add(block);
        }
        throw new AssertionError("row " + row + " not found in 4 reads");
    }
}
