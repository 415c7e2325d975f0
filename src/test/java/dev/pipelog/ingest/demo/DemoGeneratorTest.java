package dev.pipelog.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Level;
import dev.pipelog.model.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoGeneratorTest {
    private static final Instant END = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration SPAN = Duration.ofDays(7);

    @Test
    void sameSeedGivesTheSameRecords() {
        List<LogRecord> a = new DemoGenerator(42, END, SPAN).next(5_000);
        List<LogRecord> b = new DemoGenerator(42, END, SPAN).next(5_000);
        List<LogRecord> c = new DemoGenerator(43, END, SPAN).next(5_000);

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void nextContinuesTheStream() {
        DemoGenerator split = new DemoGenerator(7, END, SPAN);
        List<LogRecord> first = split.next(1_000);
        List<LogRecord> second = split.next(1_000);

        List<LogRecord> whole = new DemoGenerator(7, END, SPAN).next(2_000);
        assertThat(first).isEqualTo(whole.subList(0, 1_000));
        assertThat(second).isEqualTo(whole.subList(1_000, 2_000));
    }

    @Test
    void recordsArePlausibleAndFillTheWindow() {
        List<LogRecord> records = new DemoGenerator(1, END, SPAN, 50_000).next(50_000);

        assertThat(records).extracting(LogRecord::id).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.timestamp()).isBetween(END.minus(SPAN), END);
            assertThat(r.source()).isEqualTo("demo");
            assertThat(r.pipelineId()).isIn(DemoGenerator.pipelineIds());
            assertThat(r.executionId()).startsWith("exec_");
            assertThat(r.correlationId()).isNotBlank();
            assertThat(r.logger()).contains(".");
            assertThat(r.message()).isNotBlank();
            assertThat(r.host()).isNotBlank();
            assertThat(r.processId()).isPositive();
            if (r.extra() != null) {
                assertThat(r.extra()).startsWith("{").endsWith("}");
            }
        });
        Map<Level, Long> byLevel = records.stream().collect(Collectors.groupingBy(LogRecord::level, Collectors.counting()));
        assertThat(byLevel.get(Level.INFO)).as("INFO dominates").isGreaterThan(records.size() / 2);
        assertThat(byLevel).containsKeys(Level.DEBUG, Level.WARNING, Level.ERROR, Level.CRITICAL);
        assertThat(records.stream().map(LogRecord::pipelineId).distinct().count()).isGreaterThanOrEqualTo(8);
        assertThat(records.stream().filter(r -> r.level() == Level.ERROR))
                .allSatisfy(r -> assertThat(r.stackTrace()).containsAnyOf("Traceback", "\tat "));
        assertThat(records.stream().filter(r -> r.spanId() == null)).as("some records carry no span").isNotEmpty();
        Instant first = records.stream().map(LogRecord::timestamp).min(Instant::compareTo).orElseThrow();
        Instant last = records.stream().map(LogRecord::timestamp).max(Instant::compareTo).orElseThrow();
        assertThat(Duration.between(first, last)).as("spread over the window").isGreaterThan(SPAN.multipliedBy(9).dividedBy(10));
    }

    @Test
    void messagesAgreeWithThemselvesAndWithTheStageThatLogsThem() {
        List<LogRecord> records = new DemoGenerator(5, END, SPAN, 100_000).next(100_000);

        Pattern attempt = Pattern.compile("attempt (\\d+)/(\\d+)");
        Pattern slow = Pattern.compile("Slow query: (\\d+) ms exceeded the (\\d+) ms budget");
        List<String> attempts = messagesMatching(records, attempt);
        List<String> slowQueries = messagesMatching(records, slow);
        assertThat(attempts).isNotEmpty().allSatisfy(m -> {
            Matcher a = attempt.matcher(m);
            assertThat(a.find()).isTrue();
            assertThat(Integer.parseInt(a.group(1))).isBetween(1, Integer.parseInt(a.group(2)));
        });
        assertThat(slowQueries).isNotEmpty().allSatisfy(m -> {
            Matcher q = slow.matcher(m);
            assertThat(q.find()).isTrue();
            assertThat(Long.parseLong(q.group(1))).isGreaterThan(Long.parseLong(q.group(2)));
        });
        List<LogRecord> failures = records.stream().filter(r -> r.level() == Level.ERROR).toList();
        assertThat(failures).isNotEmpty().allSatisfy(r -> {
            String stage = r.logger().substring(r.logger().lastIndexOf('.') + 1);
            if (r.message().startsWith("Extraction failed")) {
                assertThat(stage).isEqualTo("extract");
            }
            if (r.message().startsWith("Transform failed")) {
                assertThat(stage).isEqualTo("transform");
            }
            if (r.message().startsWith("Load failed") || r.message().startsWith("Connection to warehouse")) {
                assertThat(stage).isEqualTo("load");
            }
        });
    }

    private static List<String> messagesMatching(List<LogRecord> records, Pattern pattern) {
        return records.stream().map(LogRecord::message).filter(m -> pattern.matcher(m).find()).toList();
    }

    @Test
    void spansOfAnExecutionFormATreeUnderOneRootWithRareOrphans() {
        List<LogRecord> records = new DemoGenerator(3, END, SPAN).next(30_000);
        Map<String, List<LogRecord>> byCorrelation = records.stream().filter(r -> r.spanId() != null)
                .collect(Collectors.groupingBy(LogRecord::correlationId));

        int orphans = 0;
        for (List<LogRecord> execution : byCorrelation.values()) {
            Set<String> spans = execution.stream().map(LogRecord::spanId).collect(Collectors.toSet());
            Map<String, String> parentOf = new HashMap<>();
            execution.forEach(r -> parentOf.put(r.spanId(), r.parentSpanId()));
            long roots = parentOf.values().stream().filter(p -> p == null).count();
            assertThat(roots).as("one root span per execution").isLessThanOrEqualTo(1);
            for (Map.Entry<String, String> e : parentOf.entrySet()) {
                if (e.getValue() != null && !spans.contains(e.getValue())) {
                    orphans++;
                    continue;
                }
                // Following parents ends at the root without cycles.
                Set<String> path = new HashSet<>();
                String s = e.getKey();
                while (s != null && spans.contains(s)) {
                    assertThat(path.add(s)).isTrue();
                    s = parentOf.get(s);
                }
            }
            assertThat(execution.stream().map(LogRecord::executionId).distinct()).hasSize(1);
        }
        assertThat(orphans).as("a few orphan spans").isBetween(1, byCorrelation.size() / 20);
        assertThat(byCorrelation.values().stream().mapToLong(l -> l.stream().map(LogRecord::spanId).distinct().count())
                .max().orElse(0)).as("stage and nested spans").isGreaterThanOrEqualTo(5);
    }
}
