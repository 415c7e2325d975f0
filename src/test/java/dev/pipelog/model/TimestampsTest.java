package dev.pipelog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-28T10:15:30.123456Z, 2026-11-28T10:15:30.123456Z",
            "2026-11-28T10:15:30.123456789Z, 2026-11-28T10:15:30.123456Z",
            "2026-11-28T10:15:30, 2026-11-28T10:15:30Z",
            "2026-11-28 10:15:30.5, 2026-11-28T10:15:30.500Z",
            "2026-11-28T11:15:30+01:00, 2026-11-28T10:15:30Z",
            "2026-11-28T05:15:30-0500, 2026-11-28T10:15:30Z",
            "2026-11-28T10:15Z, 2026-11-28T10:15:00Z",
            "2026-11-28, 2026-11-28T00:00:00Z",
            "1795860930, 2026-11-28T10:15:30Z",
            "1795860930.25, 2026-11-28T10:15:30.250Z",
            "1795860930123, 2026-11-28T10:15:30.123Z",
            "1795860930123456, 2026-11-28T10:15:30.123456Z",
            "1795860930123456789, 2026-11-28T10:15:30.123456Z"})
    void parsesIsoAndEpochSpellingsToUtcMicros(String text, String expected) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-01", "28/11/2026", "12:00", "1e400", "NaN"})
    void rejectsUnparseableText(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void epochMicrosRoundTrip() {
        Instant t = Instant.parse("2026-11-28T10:15:30.123456Z");
        assertThat(Timestamps.ofEpochMicros(Timestamps.toEpochMicros(t))).isEqualTo(t);
    }
}
