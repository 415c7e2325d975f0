package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code src/test/clients/node/scripts} with node, against the shippers' npm clients
 * that {@code mvn verify} installed into {@code target/node-clients}. A machine without node (or
 * without the installed clients) fails the test with a sentence saying what to install: these tests
 * are never skipped.
 */
final class NodeClients {
    private static final Path SCRIPTS = Path.of("src/test/clients/node/scripts").toAbsolutePath();
    private static final Path INSTALLED = Path.of("target/node-clients").toAbsolutePath();

    private NodeClients() {
    }

    /** Runs the script to its end (60 s at most) and returns what it printed; fails the test on a non-zero exit. */
    static String run(String script, String... args) throws IOException, InterruptedException {
        assertThat(INSTALLED.resolve("node_modules")).as("the npm clients are installed by `mvn verify` from"
                + " src/test/clients/node (node and npm needed: apt-get install nodejs npm)").isDirectory();
        List<String> command = new ArrayList<>(List.of("node", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("node-client", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(INSTALLED.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("node is not on PATH: install it (apt-get install nodejs npm) to run the"
                    + " protocol client tests", e);
        }
        try {
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("node " + script + " ended within 60 s; output:\n" + output).isTrue();
            assertThat(process.exitValue()).as("node " + script + " exit status; output:\n" + output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
