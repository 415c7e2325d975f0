package dev.pipelog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain app image makes its class-data archive on its first start, once, and only where it can. */
class ClassDataArchiveTest {
    @TempDir
    Path appDir;

    /** Stands in for create-cds-archive.sh: writes the archive beside itself, as the real one does. */
    private void script(String body) throws Exception {
        Files.writeString(appDir.resolve(ClassDataArchive.SCRIPT), "#!/bin/sh\n" + body + "\n");
    }

    @Test
    void aMissingArchiveIsMadeInTheBackground() throws Exception {
        script("echo archive > \"$(dirname \"$0\")/pipelog.jsa\"");

        Optional<CompletableFuture<Integer>> making = new ClassDataArchive(appDir).makeIfMissing();

        assertThat(making).isPresent();
        assertThat(making.get().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(appDir.resolve(ClassDataArchive.ARCHIVE)).hasContent("archive");
    }

    @Test
    void anExistingArchiveIsLeftAlone() throws Exception {
        script("echo replaced > \"$(dirname \"$0\")/pipelog.jsa\"");
        Files.writeString(appDir.resolve(ClassDataArchive.ARCHIVE), "made at install");

        assertThat(new ClassDataArchive(appDir).makeIfMissing()).isEmpty();
        assertThat(appDir.resolve(ClassDataArchive.ARCHIVE)).hasContent("made at install");
    }

    @Test
    void withoutTheScriptNothingIsStarted() {
        assertThat(new ClassDataArchive(appDir).makeIfMissing()).isEmpty();
    }

    @Test
    void aFailingScriptIsReportedAndLeavesNoArchive() throws Exception {
        script("exit 3");

        Optional<CompletableFuture<Integer>> making = new ClassDataArchive(appDir).makeIfMissing();

        assertThat(making.orElseThrow().get(30, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(appDir.resolve(ClassDataArchive.ARCHIVE)).doesNotExist();
    }

    @Test
    void outsideAPackagedLauncherThereIsNoArchive() {
        assertThat(System.getProperty("jpackage.app-path")).isNull();
        assertThat(ClassDataArchive.ofThisLauncher()).isEmpty();
    }
}
