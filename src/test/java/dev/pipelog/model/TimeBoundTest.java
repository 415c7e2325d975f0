package dev.pipelog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeBoundTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"15m,2026-11-28T11:45:00Z", "2h,2026-11-28T10:00:00Z", "7d,2026-11-21T12:00:00Z",
            "30s,2026-11-28T11:59:30Z", "1w,2026-11-21T12:00:00Z", "2026-11-01T00:00:00Z,2026-11-01T00:00:00Z"})
    void relativeBoundsResolveAgainstNow(String text, String expected) {
        assertThat(TimeBound.parse(text)).get().extracting(b -> b.resolve(NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15x", "m", "-5m", "soon"})
    void rejectsNonsense(String text) {
        assertThat(TimeBound.parse(text)).isEmpty();
    }

    @Test
    void printsTheWayItWasWritten() {
        assertThat(TimeBound.ago(Duration.ofHours(2))).hasToString("2h");
        assertThat(TimeBound.ago(Duration.ofDays(7))).hasToString("1w");
        assertThat(TimeBound.ago(Duration.ofMinutes(90))).hasToString("90m");
    }
}
