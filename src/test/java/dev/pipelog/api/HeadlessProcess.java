package dev.pipelog.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A child JVM running {@code pipelog --headless} on a free port, started the way a user starts it. */
public record HeadlessProcess(Process process, URI url) {

    public static HeadlessProcess start(Path dataDir, String... jvmOptions) throws IOException {
        return start(dataDir, java.util.Map.of(), jvmOptions);
    }

    /** @param env extra environment variables for the child, e.g. a short body idle timeout */
    public static HeadlessProcess start(Path dataDir, java.util.Map<String, String> env, String... jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.pipelog.Main", "--headless", "--port", "0", "--data-dir", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ENABLE_REQUEST_LOGGING", "false");
        pb.environment().put("LOG_LEVEL", "WARN");
        pb.environment().putAll(env);
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Read to the end, not only to the URL line: a child whose stdout pipe fills up blocks on its next log line.
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    int at = line.indexOf("http://");
                    if (at >= 0 && !url.isDone()) {
                        url.complete(URI.create(line.substring(at).split(" ")[0]));
                    }
                }
                url.completeExceptionally(new IllegalStateException("the child exited before printing its URL"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "headless-child-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessProcess(process, url.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("headless Pipelog did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while starting headless Pipelog", e);
        }
    }
}
