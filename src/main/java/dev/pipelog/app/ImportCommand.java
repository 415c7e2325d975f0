package dev.pipelog.app;

import dev.pipelog.config.ConfigException;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import dev.pipelog.ingest.file.FileFormat;
import dev.pipelog.ingest.file.FileImportException;
import dev.pipelog.ingest.file.FileImporter;
import dev.pipelog.ingest.file.FollowRequest;
import dev.pipelog.ingest.file.FollowService;
import dev.pipelog.ingest.file.FollowStatus;
import dev.pipelog.ingest.file.ImportLedger;
import dev.pipelog.ingest.file.ImportProgress;
import dev.pipelog.ingest.file.ImportRequest;
import dev.pipelog.ingest.file.ImportSummary;
import dev.pipelog.ingest.file.IntakeTarget;
import dev.pipelog.ingest.file.ListenerTarget;
import dev.pipelog.ingest.file.RecordTarget;
import dev.pipelog.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pipelog import FILE... [--pipeline ID] [--format F] [--follow]}: imports log files without
 * a window. When a Pipelog answers on the configured host and port, the records go through its
 * listener (its window shows them at once, and it holds the store); otherwise this process opens
 * the store itself. Prints a progress line about once a second and a summary per file; Ctrl-C stops
 * after storing what was read (the next import resumes there).
 */
public final class ImportCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);
    private static final Duration PRINT_EVERY = Duration.ofSeconds(1);

    static final String USAGE = String.join("\n",
            "Usage: pipelog import FILE... [--pipeline ID] [--format FORMAT] [--follow] [options]",
            "",
            "Imports log files into Pipelog's store: through the listener of a Pipelog running on --host/--port,",
            "or by opening the store (--data-dir, --db) when none runs. Importing a file again adds only what is new.",
            "",
            "  --pipeline ID     the pipeline of every record (default: the record's own, else the file's name)",
            "  --format FORMAT   json, clef, logfmt, syslog, plain, or a Python logging format string such as",
            "                    '%(asctime)s - %(name)s - %(levelname)s - %(message)s' (default: detected)",
            "  --follow          keep reading the files as they grow (surviving rotation) until Ctrl-C",
            "",
            "Other options (--data-dir, --db, --host, --port, ...) as for pipelog itself; see pipelog --help.",
            "");

    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch stop = new CountDownLatch(1);

    private ImportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit status: 0 all imported, 1 a file failed, 2 bad arguments or no store */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new ImportCommand(out, err).run(args);
    }

    private int run(List<String> args) {
        Arguments parsed;
        Settings settings;
        try {
            parsed = Arguments.parse(args);
            List<String> settingsArgs = new ArrayList<>(parsed.settingsArgs());
            settingsArgs.add("--headless");
            settings = SettingsLoader.load(settingsArgs, System.getenv());
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("pipelog import: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (parsed.help()) {
            out.print(USAGE);
            return 0;
        }
        // Ctrl-C: the import stops at the next record, stores what it read, closes the store; the
        // hook waits for that (System.exit from Main then finds the shutdown already under way).
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            stop.countDown();
            awaitQuietly(finished);
        }, "pipelog-import-stop"));
        try {
            return importWithTarget(parsed, settings);
        } finally {
            finished.countDown();
        }
    }

    private int importWithTarget(Arguments parsed, Settings settings) {
        URI listener = URI.create("http://" + hostForUrl(settings.host()) + ":" + settings.port() + "/");
        Optional<ListenerTarget> running = settings.port() == 0 ? Optional.empty()
                : ListenerTarget.find(listener, Optional.ofNullable(settings.apiToken()).filter(t -> !t.isEmpty()));
        if (running.isPresent()) {
            out.println("Importing through the Pipelog listening on " + running.get().url());
            return importAll(parsed, settings, running.get(), Optional.empty());
        }
        Engine engine;
        try {
            engine = Engine.start(settings);
        } catch (StoreException | UncheckedIOException e) {
            LOG.error("the store did not open", e);
            err.println("pipelog import: no Pipelog answers on " + listener + " and the store "
                    + settings.databasePath() + " cannot be opened: " + e.getMessage());
            return 2;
        }
        try {
            out.println("Importing into " + settings.databasePath());
            return importAll(parsed, settings, new IntakeTarget(engine.intake()), Optional.of(engine));
        } finally {
            engine.close();
        }
    }

    private int importAll(Arguments args, Settings settings, RecordTarget target, Optional<Engine> engine) {
        FileImporter importer;
        try {
            importer = new FileImporter(target, ImportLedger.open(settings.dataDir()), ZoneId.systemDefault(),
                    Clock.systemUTC());
        } catch (IOException e) {
            err.println("pipelog import: cannot read " + settings.dataDir().resolve("file-imports.json") + ": " + e.getMessage());
            return 2;
        }
        int status = 0;
        for (Path file : args.files()) {
            if (stopRequested.get()) {
                break;
            }
            status = Math.max(status, importOne(importer, file, args));
        }
        if (args.follow() && !stopRequested.get()) {
            follow(args, target, importer);
        }
        return status;
    }

    private int importOne(FileImporter importer, Path file, Arguments args) {
        var request = new ImportRequest(file, args.pipelineId(), args.format());
        long[] nextPrint = {System.nanoTime() + PRINT_EVERY.toNanos()};
        try {
            ImportSummary summary = importer.run(request, p -> {
                if (System.nanoTime() >= nextPrint[0]) {
                    out.println(progressLine(file, p));
                    nextPrint[0] = System.nanoTime() + PRINT_EVERY.toNanos();
                }
            }, stopRequested::get);
            out.println(summaryLine(summary));
            return 0;
        } catch (FileImportException e) {
            LOG.warn("import of {} failed", file, e);
            err.println("pipelog import: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("pipelog import: interrupted while storing " + file);
            return 1;
        }
    }

    /**
     * Follows the files until Ctrl-C, printing what each adds. These follows last as long as the
     * command: the window's File > Open follows are the remembered ones.
     */
    private void follow(Arguments args, RecordTarget target, FileImporter importer) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipelog-import-follow");
            t.setDaemon(true);
            return t;
        });
        var follows = new FollowService(target, importer.ledger(), Optional.empty(), importer.zone(), Clock.systemUTC(),
                poller);
        try {
            for (Path file : args.files()) {
                follows.follow(new FollowRequest(file, args.pipelineId(), args.format()));
            }
            out.println("Following " + args.files().size() + " file(s); Ctrl-C to stop");
            Map<Path, Long> printed = new HashMap<>();
            while (!stop.await(PRINT_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                for (FollowStatus f : follows.follows()) {
                    long before = printed.getOrDefault(f.request().file(), 0L);
                    if (f.records() != before) {
                        out.println(f.request().file().getFileName() + ": +" + (f.records() - before) + " records");
                        printed.put(f.request().file(), f.records());
                    }
                    f.lastError().ifPresent(e -> err.println("pipelog import: " + e));
                }
            }
        } catch (IOException e) {
            err.println("pipelog import: cannot follow: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            follows.close();
            poller.shutdown();
            awaitQuietly(poller);
        }
    }

    static String progressLine(Path file, ImportProgress p) {
        String eta = p.eta().map(d -> ", " + d.toSeconds() + " s left").orElse("");
        return String.format("%s: %d%% (%s of %s), %d records, %s/s%s", file.getFileName(), Math.round(p.fraction() * 100),
                bytes(p.bytesRead()), bytes(p.bytesTotal()), p.records(), bytes((long) p.bytesPerSecond()), eta);
    }

    static String summaryLine(ImportSummary s) {
        String unparsed = s.unparsed() == 0 ? "" : " (" + s.unparsed() + " unreadable lines kept as plain text)";
        String resumed = s.resumedAt() == 0 ? "" : ", resumed at byte " + s.resumedAt();
        String stopped = s.cancelled() ? "; stopped, the next import resumes here" : "";
        return String.format("%s: %d records%s as %s%s in %.1f s%s", s.file().getFileName(), s.records(), unparsed,
                s.format().label(), resumed, s.took().toMillis() / 1000.0, stopped);
    }

    private static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        if (n < 10_000_000) {
            return (n / 1000) + " kB";
        }
        return (n / 1_000_000) + " MB";
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void awaitQuietly(ScheduledExecutorService poller) {
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line, split into the command's own options and pipelog's settings. */
    record Arguments(List<Path> files, Optional<String> pipelineId, Optional<FileFormat> format, boolean follow,
                     boolean help, List<String> settingsArgs) {

        static Arguments parse(List<String> args) {
            List<Path> files = new ArrayList<>();
            List<String> settings = new ArrayList<>();
            Optional<String> pipeline = Optional.empty();
            Optional<FileFormat> format = Optional.empty();
            boolean follow = false;
            boolean help = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--pipeline") || a.equals("--format")) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String value = args.get(++i);
                    if (a.equals("--pipeline")) {
                        pipeline = Optional.of(value);
                    } else {
                        format = Optional.of(FileFormat.parse(value));
                    }
                } else if (a.startsWith("--pipeline=")) {
                    pipeline = Optional.of(a.substring("--pipeline=".length()));
                } else if (a.startsWith("--format=")) {
                    format = Optional.of(FileFormat.parse(a.substring("--format=".length())));
                } else if (a.equals("--follow")) {
                    follow = true;
                } else if (a.equals("--help") || a.equals("-h")) {
                    help = true;
                } else if (a.startsWith("--")) {
                    settings.add(a);
                    boolean takesValue = !a.contains("=") && !a.equals("--demo") && !a.equals("--headless");
                    if (takesValue && i + 1 < args.size()) {
                        settings.add(args.get(++i));
                    }
                } else {
                    files.add(Path.of(a));
                }
            }
            if (files.isEmpty() && !help) {
                throw new IllegalArgumentException("name at least one file");
            }
            return new Arguments(files, pipeline, format, follow, help, settings);
        }
    }
}
