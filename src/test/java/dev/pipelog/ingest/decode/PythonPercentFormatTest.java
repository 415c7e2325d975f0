package dev.pipelog.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipelog.ingest.RecordJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PythonPercentFormatTest {
    /** Python's %-formatting of each case, and str() of its args tuple (what HTTPHandler sends). */
    private static final String PYTHON = String.join("\n",
            "import json, sys",
            "for line in sys.stdin:",
            "    case = json.loads(line)",
            "    args = tuple(float.fromhex(a[1:]) if a.startswith('h') else int(a[1:]) if a.startswith('i')",
            "                 else a[1:] if a.startswith('s') else a == 'bTrue' for a in case['args'])",
            "    try:",
            "        out = case['format'] % args",
            "    except (TypeError, ValueError, OverflowError) as e:",
            "        out = None",
            "    print(json.dumps({'format': case['format'], 'args': str(args), 'out': out}))");

    @Test
    void numbersComeOutAsPython3FormatsThemForHundredsOfGeneratedCases() throws Exception {
        List<ObjectNode> cases = generatedCases(new Random(20261207), 600);
        List<JsonNode> python = runPython(cases);
        assertThat(python).hasSize(cases.size());
        List<String> mismatches = new ArrayList<>();
        int formatted = 0;
        for (JsonNode c : python) {
            String format = c.path("format").asText();
            String args = c.path("args").asText();
            Optional<String> ours = PythonPercentFormat.apply(format, args);
            if (c.path("out").isNull()) {
                if (ours.isPresent()) {
                    mismatches.add(format + " % " + args + ": Python raises, Pipelog gave \"" + ours.get() + "\"");
                }
                continue;
            }
            formatted++;
            String expected = c.path("out").asText();
            if (!ours.equals(Optional.of(expected))) {
                mismatches.add(format + " % " + args + ": Python \"" + expected + "\", Pipelog " + ours);
            }
        }
        assertThat(mismatches).as(mismatches.size() + " of " + python.size() + " cases differ").isEmpty();
        assertThat(formatted).as("most generated cases are ones Python formats, not errors").isGreaterThan(400);
    }

    @Test
    void roundsTheExactBinaryValueHalfToEvenAndStripsZerosForG() {
        // The cases a user saw come out wrong (issue 17, item 3).
        assertThat(PythonPercentFormat.apply("%.0f", "(2.5,)")).contains("2");
        assertThat(PythonPercentFormat.apply("%.1f", "(0.35,)")).contains("0.3");
        assertThat(PythonPercentFormat.apply("%5.1f%%", "(87.25,)")).contains(" 87.2%");
        assertThat(PythonPercentFormat.apply("%g", "(0.0001234,)")).contains("0.0001234");
    }

    private static List<ObjectNode> generatedCases(Random random, int n) {
        String[] conversions = {"f", "F", "e", "E", "g", "G", "d", "i", "x", "X", "o", "s", "r"};
        double[] special = {2.5, 0.35, 87.25, 0.0001234, 0.5, 1.5, -2.5, 0.125, 0.375, 1e-5, 1e16, 1e-7,
            123456789.0, 9.9999995, 0.05, 1.0 / 3, -0.0, 0.0, 1e300, 5e-324, 999999.5, 0.000095,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        List<ObjectNode> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder format = new StringBuilder("v=%");
            for (char flag : new char[] {'-', '0', '+', ' ', '#'}) {
                if (random.nextInt(5) == 0) {
                    format.append(flag);
                }
            }
            if (random.nextBoolean()) {
                format.append(random.nextInt(14));
            }
            if (random.nextInt(3) > 0) {
                format.append('.').append(random.nextInt(12));
            }
            format.append(conversions[random.nextInt(conversions.length)]).append(" (%d%%)");
            ObjectNode c = RecordJson.MAPPER.createObjectNode().put("format", format.toString());
            ArrayNode args = c.putArray("args");
            int kind = random.nextInt(10);
            if (kind < 4) {
                args.add("h" + Double.toHexString(special[random.nextInt(special.length)]));
            } else if (kind < 7) {
                double magnitude = Math.pow(10, random.nextInt(24) - 10);
                // Values on a grid of halves and quarters make ties the rounding must break to even.
                double v = random.nextBoolean() ? Math.round(random.nextDouble() * 64) / 8.0
                        : (random.nextDouble() - 0.3) * magnitude;
                args.add("h" + Double.toHexString(v));
            } else if (kind < 9) {
                args.add("i" + (random.nextInt(2_000_001) - 1_000_000) * (random.nextBoolean() ? 1L : 1_000_003L));
            } else {
                args.add(random.nextBoolean() ? "bTrue" : "s" + "orders, 'x'");
            }
            args.add("i" + random.nextInt(100));
            cases.add(c);
        }
        return cases;
    }

    private static List<JsonNode> runPython(List<ObjectNode> cases) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", PYTHON).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream in = python.getOutputStream()) {
            for (ObjectNode c : cases) {
                in.write((c.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = output.join();
        assertThat(python.exitValue()).as(out).isZero();
        List<JsonNode> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                results.add(RecordJson.MAPPER.readTree(line));
            }
        }
        return results;
    }

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
