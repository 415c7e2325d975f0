package dev.pipelog.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few megabytes mounted on a directory the test owns, so a disk can really fill up.
 * Needs root (CI runs as root); elsewhere the test is skipped through a JUnit assumption that says why.
 */
public final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code mountPoint} (created if missing), or skips the test. */
    public static SmallFilesystem mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process mount;
        try {
            mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                    mountPoint.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "cannot run mount(8) to make a small filesystem: " + e.getMessage());
            throw e;
        }
        String output = new String(mount.getInputStream().readAllBytes());
        boolean done = mount.waitFor(30, TimeUnit.SECONDS);
        assumeTrue(done && mount.exitValue() == 0,
                "a small tmpfs cannot be mounted here (needs root, as on CI): " + output.strip());
        return new SmallFilesystem(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills what is left of the filesystem with one file, until the kernel says it is full. */
    public void fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (RandomAccessFile out = new RandomAccessFile(filler.toFile(), "rw")) {
            out.seek(out.length());
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Gives the space taken by {@link #fill()} back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process umount = new ProcessBuilder(List.of("umount", "-l", mountPoint.toString()))
                .redirectErrorStream(true).start();
        String output = new String(umount.getInputStream().readAllBytes());
        if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
            throw new IOException("umount " + mountPoint + " failed: " + output.strip());
        }
    }
}
