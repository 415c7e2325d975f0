package dev.pipelog.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LogQueryTest {

    @Test
    void limitOutsideTheAllowedRangeIsRefused() {
        assertThatThrownBy(() -> LogQuery.builder().limit(0).build()).hasMessageContaining("limit");
        assertThatThrownBy(() -> LogQuery.builder().limit(10_001).build()).hasMessageContaining("10000");
    }

    @Test
    void emptyTextMeansNoTextFilter() {
        LogQuery q = LogQuery.builder().text("").regex(true).levels(Set.of(Level.ERROR)).build();
        assertThat(q.text()).isNull();
        assertThat(q.regex()).isFalse();
        assertThat(q.levels()).containsExactly(Level.ERROR);
        assertThat(q.order()).isEqualTo(SortOrder.DESCENDING);
    }
}
