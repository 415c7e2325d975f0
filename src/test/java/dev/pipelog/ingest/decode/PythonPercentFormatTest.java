package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonPercentFormatTest {

    @Test
    void formatsTheCommonConversionsLikePython() {
        assertThat(PythonPercentFormat.apply("%s rows into %r, %d%% at %.2f", "(12, 'orders', 7.9, 3.14159)"))
                .contains("12 rows into 'orders', 7% at 3.14");
        assertThat(PythonPercentFormat.apply("%5s|%-4d|%03d|%x", "('ab', 7, 5, 255)")).contains("   ab|7   |005|ff");
    }

    @Test
    void unquotesStringsWithCommasQuotesAndEscapes() {
        assertThat(PythonPercentFormat.apply("%s / %s", "('a, b', \"it's\\n\")")).contains("a, b / it's\n");
        assertThat(PythonPercentFormat.apply("value %s", "([1, 2], {'k': (3, 4)})")).isEmpty();
        assertThat(PythonPercentFormat.apply("%s and %s", "([1, 2], {'k': (3, 4)})")).contains("[1, 2] and {'k': (3, 4)}");
    }

    @Test
    void givesUpRatherThanGuess() {
        assertThat(PythonPercentFormat.apply("%s %s", "('only one',)")).isEmpty();
        assertThat(PythonPercentFormat.apply("%d", "('not a number',)")).isEmpty();
        assertThat(PythonPercentFormat.apply("%(table)s", "{'table': 'orders'}")).isEmpty();
        assertThat(PythonPercentFormat.apply("%*d", "(3, 4)")).isEmpty();
    }

    @Test
    void aLoneMappingArgumentIsOneValue() {
        assertThat(PythonPercentFormat.apply("config %s", "{'a': 1}")).contains("config {'a': 1}");
    }
}
