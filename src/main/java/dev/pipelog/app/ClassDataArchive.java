package dev.pipelog.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged app's class-data archive ({@code lib/app/pipelog.jsa}, made by
 * {@code create-cds-archive.sh} from the classes loaded until the first frame). The .deb makes it
 * at install time; a plain app image has none, so its first start makes it in the background for
 * every later start, where the directory is writable. The archive saves about a second of start.
 */
final class ClassDataArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    static final String ARCHIVE = "pipelog.jsa";
    static final String SCRIPT = "create-cds-archive.sh";

    private final Path appDir;

    ClassDataArchive(Path appDir) {
        this.appDir = appDir;
    }

    /** The archive of the running packaged launcher; empty when not started by one (e.g. {@code mvn javafx:run}). */
    static Optional<ClassDataArchive> ofThisLauncher() {
        // jpackage's launcher sets this to <image>/bin/pipelog; the jars and the script are in <image>/lib/app.
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher == null) {
            return Optional.empty();
        }
        Path image = Path.of(launcher).toAbsolutePath().getParent().getParent();
        return Optional.of(new ClassDataArchive(image.resolve("lib").resolve("app")));
    }

    /**
     * Starts the script at the lowest CPU priority when the archive is missing and can be written.
     *
     * @return the script's exit status, or empty when there was nothing to do
     */
    Optional<CompletableFuture<Integer>> makeIfMissing() {
        Path script = appDir.resolve(SCRIPT);
        if (Files.exists(appDir.resolve(ARCHIVE)) || !Files.isRegularFile(script) || !Files.isWritable(appDir)) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder("nice", "-n", "19", "sh", script.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            LOG.info("making the class-data archive {} in the background: later starts will be faster",
                    appDir.resolve(ARCHIVE));
            return Optional.of(process.onExit().thenApply(p -> {
                if (p.exitValue() != 0) {
                    LOG.warn("could not make the class-data archive (exit status {}); Pipelog runs, it only starts slower;"
                            + " run {} to see why", p.exitValue(), script);
                }
                return p.exitValue();
            }));
        } catch (IOException e) {
            LOG.warn("could not start {}: {}", script, e.getMessage());
            return Optional.empty();
        }
    }
}
