package dev.pipelog.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Two builds of the store on the same machine at the same moment: each build's classes get their
 * own class loader (sharing one DuckDB driver), and the same query runs on both in turn, so a busy
 * machine slows both alike and the ratio holds. Then cleanup on a copy of each database, in turns.
 * Arguments: {@code dependencyClassPathFile runs beforeClasses beforeDb afterClasses afterDb [cleanupRounds]}
 * (the databases must be at each build's schema: the after build migrates a copy once).
 */
public final class StoreBeforeAfter {
    /** By name: this class's own loader must not link the workload to either build. */
    private static final String WORKLOAD = "dev.pipelog.bench.StoreWorkload";

    private StoreBeforeAfter() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> deps = new ArrayList<>();
        for (String p : Files.readString(Path.of(args[0])).strip().split(":")) {
            deps.add(Path.of(p).toUri().toURL());
        }
        int runs = Integer.parseInt(args[1]);
        String[] classes = {args[2], args[4]};
        String[] dbs = {args[3], args[5]};
        int cleanupRounds = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        URL workload = StoreBeforeAfter.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader shared = new URLClassLoader(deps.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class.forName("org.duckdb.DuckDBDriver", true, shared);
        Thread.currentThread().setContextClassLoader(shared);
        ClassLoader[] sides = new ClassLoader[2];
        for (int s = 0; s < 2; s++) {
            sides[s] = new URLClassLoader(new URL[] {Path.of(classes[s]).toUri().toURL(), workload}, shared);
        }
        List<AutoCloseable> open = new ArrayList<>();
        List<Map<String, Callable<Object>>> work = new ArrayList<>();
        for (ClassLoader side : sides) {
            @SuppressWarnings("unchecked")
            Map<String, Callable<Object>> w = (Map<String, Callable<Object>>) side.loadClass(WORKLOAD)
                    .getMethod("queries", String.class, List.class).invoke(null, dbs[work.size()], open);
            work.add(w);
        }
        out("| query | before (median) | after (median) | before / after |");
        out("|---|---|---|---|");
        for (String label : work.get(0).keySet()) {
            List<List<Long>> nanos = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i <= runs; i++) {
                for (int k = 0; k < 2; k++) {
                    int s = i % 2 == 0 ? k : 1 - k; // alternate which build goes first
                    long t0 = System.nanoTime();
                    work.get(s).get(label).call();
                    if (i > 0) {
                        nanos.get(s).add(System.nanoTime() - t0);
                    }
                }
            }
            double before = median(nanos.get(0));
            double after = median(nanos.get(1));
            out(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.2fx |", label, before, after, before / after));
        }
        for (AutoCloseable c : open) {
            c.close();
        }
        Path copy = Files.createTempFile("pipelog-cleanup", ".duckdb");
        for (int round = 0; round < cleanupRounds; round++) {
            for (int k = 0; k < 2; k++) {
                int s = round % 2 == 0 ? k : 1 - k;
                Files.copy(Path.of(dbs[s]), copy, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(Path.of(copy + ".wal"));
                Object result = sides[s].loadClass(WORKLOAD).getMethod("cleanup", String.class)
                        .invoke(null, copy.toString());
                out("| cleanup, " + (s == 0 ? "before" : "after") + ", round " + (round + 1) + " | " + result + " |");
            }
        }
        Files.deleteIfExists(copy);
        Files.deleteIfExists(Path.of(copy + ".wal"));
    }

    private static double median(List<Long> nanos) {
        Collections.sort(nanos);
        return nanos.get(nanos.size() / 2) / 1e6;
    }

    @SuppressWarnings("java:S106") // a benchmark's output is its report
    private static void out(String line) {
        System.out.println(line);
    }
}
