package dev.pipelog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {
    private static final Instant T = Instant.parse("2026-12-07T22:49:00Z");

    @Test
    void axisTimesOfANarrowRangeAddSecondsInsteadOfRepeatingTheMinute() {
        List<String> labels = Formats.axisTimes(List.of(T.plusSeconds(5), T.plusSeconds(20), T.plusSeconds(40)));

        assertThat(labels).doesNotHaveDuplicates();
        assertThat(labels.get(0)).isEqualTo(local("MM-dd HH:mm:ss", T.plusSeconds(5)));
        assertThat(labels.get(1)).isEqualTo(local("HH:mm:ss", T.plusSeconds(20)));
    }

    @Test
    void axisTimesOfAWideRangeStayInMinutesAndOfATinyOneGoToMilliseconds() {
        assertThat(Formats.axisTimes(List.of(T, T.plusSeconds(600), T.plusSeconds(1200))))
                .containsExactly(Formats.shortTime(T), Formats.shortTime(T.plusSeconds(600)),
                        Formats.shortTime(T.plusSeconds(1200)));
        assertThat(Formats.axisTimes(List.of(T, T.plusMillis(200), T.plusMillis(400))))
                .doesNotHaveDuplicates().last().isEqualTo(local("HH:mm:ss.SSS", T.plusMillis(400)));
    }

    private static String local(String pattern, Instant t) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneId.systemDefault()).format(t);
    }
}
