package dev.pipelog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequiredLiteralTest {

    @ParameterizedTest
    @CsvSource(delimiter = '~', ignoreLeadingAndTrailingWhitespace = false, value = {
        "Loaded [0-9]+ rows into finance\\.~ rows into finance.",
        "^Loaded \\d+ rows$~Loaded ",
        "timeout~timeout",
        "colou?r of it~r of it",
        "abcd*e~abc",
        "abcx{0,3}yz~abc",
        "abcdx{2}yz~abcdx",
        "(a|b)warehouse[s]?~warehouse",
        "(?:x|y)+ failed: HTTP 5\\d\\d~ failed: HTTP 5",
        "a.b.cde~cde",
        "[[:alpha:]]+ lost~ lost",
        "[]a]+ lost~ lost",
        "caf\u00e9 open~caf\u00e9 open",
        "\\$\\{var\\} set~${var} set",
    })
    void findsTheLongestRunEveryMatchContains(String pattern, String literal) {
        assertThat(RequiredLiteral.of(pattern)).contains(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "error|warning",           // either branch may match alone
        "(?i)connection lost",     // flags change how the rest matches
        "\\Qa.b\\E and more",      // quoting is not parsed
        "\\x41BCDEF",              // escapes with letters are not parsed
        "\\pL+ and more",
        "ab",                      // too short to narrow anything
        "a?b?c?d?",
        "x{,3}abc",                // RE2 reads this brace literally; not worth parsing
        "(unclosed",
        "ab\uD83D\uDE00?",         // the optional emoji leaves only "ab"
    })
    void yieldsNothingWhenNoSafeLiteralExists(String pattern) {
        assertThat(RequiredLiteral.of(pattern)).isEqualTo(Optional.empty());
    }
}
