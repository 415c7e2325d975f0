package dev.pipelog.app;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.file.FileImporter;
import dev.pipelog.ingest.file.FollowRegistry;
import dev.pipelog.ingest.file.FollowService;
import dev.pipelog.ingest.file.ImportLedger;
import dev.pipelog.ingest.file.IntakeTarget;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log files: the importer and the follows, both feeding the engine's intake, with the one thread
 * that polls followed files. Built by the {@link Engine}, closed before its intake is.
 */
public final class FileServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileServices.class);

    private final FileImporter importer;
    private final FollowService follows;
    private final ScheduledExecutorService poller;

    private FileServices(FileImporter importer, FollowService follows, ScheduledExecutorService poller) {
        this.importer = importer;
        this.follows = follows;
        this.poller = poller;
    }

    static FileServices start(Settings settings, Intake intake) throws IOException {
        ImportLedger ledger = ImportLedger.open(settings.dataDir());
        var target = new IntakeTarget(intake);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipelog-follow");
            t.setDaemon(true);
            return t;
        });
        ZoneId zone = ZoneId.systemDefault();
        var follows = new FollowService(target, ledger, Optional.of(new FollowRegistry(settings.dataDir())), zone,
                Clock.systemUTC(), poller);
        return new FileServices(new FileImporter(target, ledger, zone, Clock.systemUTC()), follows, poller);
    }

    public FileImporter importer() {
        return importer;
    }

    public FollowService follows() {
        return follows;
    }

    /** Follows again the files followed when Pipelog last ran; a broken follows file is logged, not fatal. */
    public void resumeFollows() {
        try {
            follows.resumeRemembered();
        } catch (IOException e) {
            LOG.error("The remembered follows could not be read; follow the files again from File > Open", e);
        }
    }

    @Override
    public void close() {
        follows.close();
        poller.shutdown();
        try {
            if (!poller.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A followed file was still being stored after 10 s; its checkpoint may lag, nothing is lost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
