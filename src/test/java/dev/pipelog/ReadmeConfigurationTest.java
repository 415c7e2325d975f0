package dev.pipelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table names the flag of every variable that {@code --help} gives a
 * flag: it once marked five of them environment-only.
 */
class ReadmeConfigurationTest {
    private static final Pattern HELP_LINE = Pattern.compile("^\\s+(--[a-z-]+) .*\\[([A-Z_]+)");

    @Test
    void everyVariableWithAFlagInHelpShowsThatFlagInTheReadmeTable() throws IOException {
        Map<String, String> flagOf = new LinkedHashMap<>();
        for (String line : Usage.TEXT.split("\n")) {
            Matcher m = HELP_LINE.matcher(line);
            if (m.find()) {
                flagOf.put(m.group(2), m.group(1));
            }
        }
        assertThat(flagOf).containsEntry("PIPELOG_BATCH_SIZE", "--batch-size").hasSizeGreaterThan(10);
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.startsWith("| `")).toList();

        flagOf.forEach((variable, flag) -> rows.stream().filter(r -> r.contains("`" + variable + "`")).findFirst()
                .ifPresent(row -> assertThat(row).as(variable + "'s row").contains("`" + variable + "` (`" + flag + "`)")));
        assertThat(rows.stream().filter(r -> r.contains("environment only"))).allSatisfy(row ->
                flagOf.keySet().forEach(v -> assertThat(row).doesNotContain("`" + v + "`")));
    }
}
