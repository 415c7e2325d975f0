package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipelog.model.Timestamps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path reads exactly what the general parser reads, and leaves the rest to it. */
class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T10:15:30Z", "2026-11-28T10:15:30.123456Z", "2026-11-28T10:15:30.1234567891Z",
            "2026-11-28T10:15:30.5", "2026-11-28 10:15:30.5", "2026-11-28T11:15:30+01:00", "2026-11-28T05:15:30.25-05:00",
            "2026-11-28T10:15:30+0100", "2026-11-28T10:15", "2026-11-28", "2026-02-30T10:15:30Z", "2026-11-28T25:00:00Z",
            "2026-11-28T10:15:30.Z", "2026-11-28t10:15:30z", "1795860930.5", "yesterday", "2026-11-28T10:15:30Zjunk"})
    void agreesWithTheGeneralParser(String text) {
        assertThat(IsoTimestamps.parse(text)).isEqualTo(Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T10:15:30Z", "2026-11-28T10:15:30.123456789Z", "2026-11-28 10:15:30",
            "2026-11-28T11:15:30+01:00"})
    void takesTheCommonShapesWithoutTheGeneralParser(String text) {
        assertThat(IsoTimestamps.fast(text)).isNotNull().isEqualTo(Timestamps.parse(text).orElseThrow());
    }
}
