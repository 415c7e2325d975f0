package dev.pipelog.ingest.file;

import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.ingest.IntakeResult;
import dev.pipelog.model.LogRecord;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Delivers imported records through the same intake HTTP records take (per-pipeline settings,
 * durability, fallback files), as batches with client ids so a record imported twice is stored once.
 * Thread-safe.
 */
public final class IntakeTarget implements RecordTarget {
    private final Intake intake;

    public IntakeTarget(Intake intake) {
        this.intake = intake;
    }

    @Override
    public void deliver(List<LogRecord> records) throws FileImportException, InterruptedException {
        while (true) {
            IntakeResult result;
            try {
                result = intake.submit(IntakeBatch.of(records)).get();
            } catch (ExecutionException e) {
                throw new FileImportException("storing failed: " + e.getCause().getMessage(), e.getCause());
            }
            if (result instanceof IntakeResult.Overloaded) {
                // The queue is full of other work; the file waits, nothing is lost by waiting.
                Thread.sleep(((IntakeResult.Overloaded) result).retryAfter().toMillis());
                continue;
            }
            if (result instanceof IntakeResult.Unavailable) {
                throw new FileImportException("Pipelog cannot store records now: "
                        + ((IntakeResult.Unavailable) result).reason());
            }
            return;
        }
    }
}
