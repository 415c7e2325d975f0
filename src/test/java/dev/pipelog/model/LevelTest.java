package dev.pipelog.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "TRACE,TRACE", "finest,TRACE", "debug,DEBUG", "FINE,DEBUG", "info,INFO", " Info ,INFO",
            "NOTICE,INFO", "WARN,WARNING", "warning,WARNING", "ERROR,ERROR", "SEVERE,ERROR", "err,ERROR",
            "FATAL,CRITICAL", "critical,CRITICAL", "CRIT,CRITICAL", "EMERGENCY,CRITICAL",
            "10,DEBUG", "20,INFO", "25,INFO", "30,WARNING", "40,ERROR", "50,CRITICAL", "60,CRITICAL",
            "5,TRACE", "0,INFO"})
    void mapsCommonSpellingsAndPythonNumbers(String text, Level expected) {
        assertThat(Level.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "LOUD", "1e3", "-", "99999999999999"})
    void rejectsWhatIsNeitherANameNorANumber(String text) {
        assertThat(Level.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"ERROR,WARNING,true", "WARNING,WARNING,true", "INFO,WARNING,false"})
    void ordersBySeverity(Level a, Level b, boolean atLeast) {
        assertThat(a.atLeast(b)).isEqualTo(atLeast);
    }
}
