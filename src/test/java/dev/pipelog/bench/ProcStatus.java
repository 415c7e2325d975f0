package dev.pipelog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

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

    /** CPU time (ms) each thread of this JVM has used so far, by thread name (names summed). */
    static Map<String, Long> threadCpuMillis() {
        Map<String, Long> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9#-]+$", "");
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the parenthesised name: utime and stime are the 12th and 13th.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    byName.merge(name, ticks * 10, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended while it was read: its time no longer counts for this process.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    /** What each thread name used between two {@link #threadCpuMillis} readings, largest first. */
    static String cpuSince(Map<String, Long> before) {
        Map<String, Long> after = threadCpuMillis();
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() >= 10)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(e.getKey()).append(' ').append(e.getValue()).append(" ms, "));
        return out.length() == 0 ? "none" : out.substring(0, out.length() - 2);
    }
}
