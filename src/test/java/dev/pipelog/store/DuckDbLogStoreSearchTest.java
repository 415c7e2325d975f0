package dev.pipelog.store;

import static dev.pipelog.store.StoreFixtures.T0;
import static dev.pipelog.store.StoreFixtures.at;
import static dev.pipelog.store.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.model.Cursor;
import dev.pipelog.model.Level;
import dev.pipelog.model.LogQuery;
import dev.pipelog.model.LogRecord;
import dev.pipelog.model.Page;
import dev.pipelog.model.SortOrder;
import dev.pipelog.model.TimeBound;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DuckDbLogStoreSearchTest {
    @TempDir
    Path dir;
    DuckDbLogStore store;

    @BeforeEach
    void open() {
        store = StoreFixtures.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void pagesThroughManyEqualTimestampsWithoutDuplicatesOrGaps(SortOrder order) {
        List<LogRecord> batch = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            // Groups of 50 records share one timestamp, so pages must break ties on id.
            batch.add(at(String.format("id-%04d", (i * 7919) % 257), i / 50, Level.INFO, "p", "m" + i));
        }
        store.append(batch, false);

        LogQuery query = LogQuery.builder().order(order).limit(20).build();
        List<LogRecord> seen = new ArrayList<>();
        Page<LogRecord> page = store.find(query);
        seen.addAll(page.items());
        while (page.hasMore()) {
            page = store.find(query.after(Cursor.decode(page.nextCursor())));
            seen.addAll(page.items());
        }

        assertThat(seen).hasSize(257);
        assertThat(seen.stream().map(LogRecord::id).distinct().count()).isEqualTo(257);
        List<LogRecord> sorted = new ArrayList<>(batch);
        sorted.sort((a, b) -> {
            int c = a.timestamp().compareTo(b.timestamp());
            return c != 0 ? c : a.id().compareTo(b.id());
        });
        if (order == SortOrder.DESCENDING) {
            java.util.Collections.reverse(sorted);
        }
        assertThat(seen).containsExactlyElementsOf(sorted);
    }

    @Test
    void pagesThroughOneCorrelationAmongOthers() {
        List<LogRecord> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(record(String.format("c-%03d", i), T0.plusSeconds(i / 3), Level.INFO, "m").correlationId("mine").build());
            batch.add(record(String.format("o-%03d", i), T0.plusSeconds(i), Level.INFO, "m").correlationId("other").build());
        }
        store.append(batch, false);

        LogQuery q = LogQuery.builder().correlationId("mine").order(SortOrder.ASCENDING).limit(100).build();
        List<String> seen = idsOfEveryPage(q);

        assertThat(seen).hasSize(250).isSorted().allMatch(id -> id.startsWith("c-"));
        assertThat(store.count(q)).isEqualTo(250);
        assertThat(store.find(q.toBuilder().correlationId("unknown").build()).items()).isEmpty();
    }

    /** The window and the API count first, then read pages: the pages must match a full read. */
    @ParameterizedTest
    @EnumSource(SortOrder.class)
    void pagesAfterACountHoldEveryMatchOfSparseAndDenseTexts(SortOrder order) {
        List<LogRecord> batch = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Ten days of records; "rare" only near both ends and once in the middle, "common" everywhere.
            String message = (i < 3 || i > 2996 || i == 1500) ? "a rare event" : i % 3 == 0 ? "common event" : "noise";
            batch.add(at(String.format("r-%04d", i), i * 288L, Level.INFO, "p", message));
        }
        store.append(batch, false);

        for (String text : List.of("rare", "common", "absent")) {
            LogQuery q = LogQuery.builder().text(text).order(order).limit(7).build();
            long count = store.count(q);
            List<String> seen = idsOfEveryPage(q);

            List<String> expected = batch.stream().filter(r -> r.message().contains(text)).map(LogRecord::id)
                    .sorted(order == SortOrder.ASCENDING ? java.util.Comparator.naturalOrder()
                            : java.util.Comparator.reverseOrder()).toList();
            assertThat(seen).as(text).containsExactlyElementsOf(expected);
            assertThat(count).as(text).isEqualTo(expected.size());
        }
    }

    @Test
    void aPageReadAfterACountSeesRecordsStoredSinceTheCount() {
        store.append(List.of(at("old", 1, Level.INFO, "p", "nothing to see")), false);
        LogQuery q = LogQuery.builder().text("disk full").build();
        assertThat(store.count(q)).isZero();
        assertThat(store.find(q).items()).isEmpty();

        store.append(List.of(at("new", 2, Level.ERROR, "p", "Disk full on /var"),
                at("earlier", -5000, Level.ERROR, "p", "disk full on /tmp")), false);

        assertThat(ids(q)).containsExactly("new", "earlier");
        assertThat(store.count(q)).isEqualTo(2);
        assertThat(ids(q)).containsExactly("new", "earlier");
    }

    @Test
    void lastPageHasNoCursor() {
        store.append(List.of(at("a", 1, Level.INFO, "p", "x"), at("b", 2, Level.INFO, "p", "y")), false);

        Page<LogRecord> page = store.find(LogQuery.builder().limit(2).build());

        assertThat(page.items()).extracting(LogRecord::id).containsExactly("b", "a");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void storesAndReturnsEveryField() {
        LogRecord full = record("full-1", T0.plusNanos(123_456_000), Level.WARNING, "Disk almost full")
                .receivedAt(T0.plusSeconds(1)).logger("dlt.load").pipelineId("daily_sales")
                .executionId("exec_1").correlationId("corr-1").spanId("s1").parentSpanId("s0")
                .module("loader").function("load").line(42).thread("MainThread").processId(4242L)
                .host("etl-01").source("http").extra("{\"rows\":10}").stackTrace("Traceback ...").build();
        LogRecord sparse = record("sparse-1", T0, Level.INFO, "").build();
        store.append(List.of(full, sparse), false);

        assertThat(store.find(LogQuery.builder().order(SortOrder.ASCENDING).build()).items())
                .containsExactly(sparse, full);
    }

    @Test
    void combinesFilters() {
        store.append(List.of(
                record("1", T0, Level.ERROR, "Load failed").pipelineId("a").executionId("e1")
                        .logger("dlt.load").correlationId("c1").spanId("s1").build(),
                record("2", T0.plusSeconds(10), Level.ERROR, "Load failed").pipelineId("a").executionId("e1")
                        .logger("dlt.extract").correlationId("c1").build(),
                record("3", T0.plusSeconds(20), Level.INFO, "Load failed").pipelineId("a").executionId("e1")
                        .logger("dlt.load").build(),
                record("4", T0.plusSeconds(30), Level.ERROR, "Load failed").pipelineId("b").executionId("e1")
                        .logger("dlt.load").build(),
                record("5", T0.plusSeconds(40), Level.ERROR, "Load ok").pipelineId("a").executionId("e2")
                        .logger("dlt.loader").build()), false);

        assertThat(ids(LogQuery.builder().pipelineId("a").levels(Set.of(Level.ERROR)).loggerPrefix("dlt.load")
                .text("LOAD").build())).containsExactly("5", "1");
        assertThat(ids(LogQuery.builder().pipelineId("a").executionId("e1").levels(EnumSet.of(Level.ERROR, Level.INFO))
                .build())).containsExactly("3", "2", "1");
        assertThat(ids(LogQuery.builder().correlationId("c1").build())).containsExactly("2", "1");
        assertThat(ids(LogQuery.builder().spanId("s1").build())).containsExactly("1");
        assertThat(ids(LogQuery.builder().since(TimeBound.at(T0.plusSeconds(10)))
                .until(TimeBound.at(T0.plusSeconds(30))).build()))
                .as("since is inclusive, until exclusive").containsExactly("3", "2");
        assertThat(store.count(LogQuery.builder().pipelineId("a").levels(Set.of(Level.ERROR)).build())).isEqualTo(3);
        assertThat(store.count(LogQuery.builder().text("failed").build())).isEqualTo(4);
    }

    @Test
    void relativeTimeBoundsCountBackFromNow() {
        java.time.Instant now = java.time.Instant.now();
        store.append(List.of(
                record("old", now.minusSeconds(7200), Level.INFO, "old").build(),
                record("new", now.minusSeconds(60), Level.INFO, "new").build()), false);

        assertThat(ids(LogQuery.builder().since(TimeBound.ago(java.time.Duration.ofHours(1))).build()))
                .containsExactly("new");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%", "a_b", "it's", "C:\\temp", "[x]", "50%_'\\"})
    void textMatchesSqlAndLikeMetacharactersLiterally(String needle) {
        store.append(List.of(
                at("hit", 1, Level.INFO, "p", "before " + needle + " after"),
                at("decoy", 2, Level.INFO, "p", "before " + needle.replaceAll("[%_'\\\\\\[\\]]", "x") + "y after")),
                false);

        LogQuery q = LogQuery.builder().text(needle).build();
        assertThat(ids(q)).containsExactly("hit");
        assertThat(store.count(q)).isEqualTo(1);
    }

    @Test
    void textIsCaseInsensitive() {
        store.append(List.of(at("1", 1, Level.INFO, "p", "Connection RESET by peer")), false);

        assertThat(ids(LogQuery.builder().text("connection reset").build())).containsExactly("1");
    }

    @Test
    void regexIsEvaluatedByDuckDb() {
        store.append(List.of(
                at("1", 1, Level.INFO, "p", "Loaded 5000 rows"),
                at("2", 2, Level.INFO, "p", "Loaded many rows"),
                at("3", 3, Level.INFO, "p", "it's 'quoted'")), false);

        assertThat(ids(LogQuery.builder().text("^Loaded \\d+ rows$").regex(true).build())).containsExactly("1");
        assertThat(ids(LogQuery.builder().text("'quoted'").regex(true).build())).containsExactly("3");
        assertThat(store.count(LogQuery.builder().text("rows").regex(true).build())).isEqualTo(2);
    }

    /** Patterns whose required-literal prefilter must not drop a single match (same meaning in Java and RE2). */
    @ParameterizedTest
    @ValueSource(strings = {"Loaded [0-9]+ rows into finance\\.", "colou?r of it", "abcx{0,3}yz", "ab+c done",
        "(fetch|load)ed page", "lost|reset", "x*yz end", "^Loaded \\d+ rows$", "\\$\\{var\\} set"})
    void regexFindsWhatAFullScanFinds(String pattern) {
        List<String> messages = List.of("Loaded 12 rows into finance.ledger", "Loaded 12 rows into finance",
                "Loaded rows into finance.x", "color of it", "colour of it", "colouur of it", "abcyz", "abcxxxyz",
                "abcxxxxyz", "abc done", "abbbc done", "fetched page 3", "loaded page 4", "connection lost",
                "peer reset", "yz end", "xxyz end", "Loaded 5 rows", "${var} set", "$var set");
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            records.add(at("r" + i, i, Level.INFO, "p", messages.get(i)));
        }
        store.append(records, false);
        Pattern reference = Pattern.compile(pattern);
        List<String> expected = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (reference.matcher(messages.get(i)).find()) {
                expected.add("r" + i);
            }
        }

        LogQuery q = LogQuery.builder().text(pattern).regex(true).build();
        assertThat(expected).isNotEmpty();
        assertThat(ids(q)).containsExactlyElementsOf(expected);
        assertThat(store.count(q)).isEqualTo(expected.size());
    }

    @Test
    void invalidRegexIsBadInputNamingThePattern() {
        store.append(List.of(at("1", 1, Level.INFO, "p", "x")), false);

        assertThatThrownBy(() -> store.find(LogQuery.builder().text("(unclosed").regex(true).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid regular expression")
                .hasMessageContaining("(unclosed");
        assertThatThrownBy(() -> store.count(LogQuery.builder().text("a**").regex(true).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deduplicationSkipsStoredIdsAndRepeatsOnlyWhenAsked() {
        store.append(List.of(at("a", 1, Level.INFO, "p", "x"), at("b", 2, Level.INFO, "p", "y")), false);

        int stored = store.append(List.of(at("a", 1, Level.INFO, "p", "x"), at("c", 3, Level.INFO, "p", "z"),
                at("c", 3, Level.INFO, "p", "z")), true);

        assertThat(stored).isEqualTo(1);
        assertThat(store.totalCount()).isEqualTo(3);
        assertThat(store.append(List.of(at("a", 1, Level.INFO, "p", "x")), false)).isEqualTo(1);
        assertThat(store.totalCount()).as("without deduplication the caller vouches for the ids").isEqualTo(4);
    }

    @Test
    void dataSurvivesCloseAndReopen() {
        store.append(List.of(at("a", 1, Level.ERROR, "p", "kept")), false);
        store.close();

        store = StoreFixtures.open(dir);

        assertThat(store.find(LogQuery.builder().build()).items()).extracting(LogRecord::message)
                .containsExactly("kept");
    }

    private List<String> ids(LogQuery q) {
        Set<String> unique = new HashSet<>();
        List<String> out = store.find(q).items().stream().map(LogRecord::id).toList();
        unique.addAll(out);
        assertThat(unique).hasSameSizeAs(out);
        return out;
    }

    /** Follows the cursors from the first page to the last. */
    private List<String> idsOfEveryPage(LogQuery q) {
        List<String> seen = new ArrayList<>();
        Page<LogRecord> page = store.find(q);
        seen.addAll(page.items().stream().map(LogRecord::id).toList());
        while (page.hasMore()) {
            page = store.find(q.after(Cursor.decode(page.nextCursor())));
            seen.addAll(page.items().stream().map(LogRecord::id).toList());
        }
        return seen;
    }
}
