package dev.pipelog.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void tokenRoundTripsTimestampAndId() {
        Cursor c = new Cursor(Instant.parse("2026-11-28T10:15:30.123456Z"), "id:with:colons");
        assertThat(Cursor.decode(c.encode())).isEqualTo(c);
        assertThat(c.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void foreignTokensAreRefusedClearly() {
        assertThatThrownBy(() -> Cursor.decode("not a cursor")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cursor");
        assertThatThrownBy(() -> Cursor.decode("YWJj")).isInstanceOf(IllegalArgumentException.class);
    }
}
