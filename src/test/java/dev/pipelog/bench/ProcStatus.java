package dev.pipelog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures of a process from Linux's {@code /proc/<pid>/status} (VmRSS, VmHWM, ...), in kB. */
final class ProcStatus {
    private ProcStatus() {
    }

    /** This JVM's {@code field} (e.g. "VmRSS"), or -1 when the file has no such line. */
    static long selfKb(String field) {
        return kb(Path.of("/proc/self/status"), field);
    }

    static long kb(long pid, String field) {
        return kb(Path.of("/proc", String.valueOf(pid), "status"), field);
    }

    private static long kb(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
