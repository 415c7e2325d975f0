package dev.pipelog.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A headless Pipelog in its own JVM on an ephemeral loopback port, on this JVM's class path, so a
 * benchmark can report the server's own memory. {@link #PACKAGED_SERVER_OPTIONS} are the JVM options
 * of the packaged {@code pipelog-server} launcher (packaging/pipelog-server.properties), without its
 * class-data archive. {@code -Dbench.serverJvmOptions="..."} adds options (e.g. a launcher's JIT setting);
 * {@code -Dbench.serverClassPath=...} runs another build's classes (a before/after comparison in one run).
 */
record ServerProcess(Process process, URI url) implements AutoCloseable {
    static final List<String> PACKAGED_SERVER_OPTIONS = List.of("-Xmx256m", "-Xss2m");

    /** @param jvmOptions options for the server's JVM, e.g. {@link #PACKAGED_SERVER_OPTIONS} */
    static ServerProcess start(Path dataDir, List<String> jvmOptions, String... env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        String extra = System.getProperty("bench.serverJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("bench.serverClassPath", System.getProperty("java.class.path")),
                "dev.pipelog.Main", "--headless",
                "--port", "0", "--data-dir", dataDir.toString(), "--log-level", "WARN"));
        ProcessBuilder pb = new ProcessBuilder(command);
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                URI url = URI.create(line.substring(at + "listening on ".length()).split(" ")[0]);
                // The server keeps writing; its pipe must not fill up and block it.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(p, url);
            }
        }
        throw new IOException("the server stopped before listening:\n" + seen);
    }

    static ServerProcess start(Path dataDir, String heapOption) throws IOException {
        return start(dataDir, List.of(heapOption));
    }

    long peakRssMb() {
        return ProcStatus.kb(process.pid(), "VmHWM") / 1024;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
