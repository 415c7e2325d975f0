package dev.pipelog.ingest.file;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the format of a file from its first lines: each candidate reads the sample, and the one
 * that reads the largest share of the lines that are not continuations wins (at least half of
 * them); earlier candidates win ties, so CLEF beats JSON and a Python format beats logfmt. Plain
 * text reads everything, so it is only the fallback. Stateless.
 */
public final class FormatDetector {
    private static final double MIN_SHARE = 0.5;

    private FormatDetector() {
    }

    public static FileFormat detect(List<String> sample, ZoneId zone, Instant reference) {
        FileFormat best = FileFormat.of(FileFormat.Kind.PLAIN);
        double bestShare = MIN_SHARE - 1e-9;
        for (FileFormat candidate : candidates()) {
            double share = share(candidate.parser(zone, reference), sample);
            if (share > bestShare) {
                best = candidate;
                bestShare = share;
            }
        }
        return best;
    }

    private static List<FileFormat> candidates() {
        List<FileFormat> all = new ArrayList<>();
        all.add(FileFormat.of(FileFormat.Kind.CLEF));
        all.add(FileFormat.of(FileFormat.Kind.JSON));
        all.add(FileFormat.of(FileFormat.Kind.SYSLOG));
        for (String preset : FileFormat.PYTHON_PRESETS) {
            all.add(new FileFormat(FileFormat.Kind.PYTHON, preset));
        }
        all.add(FileFormat.of(FileFormat.Kind.LOGFMT));
        return all;
    }

    private static double share(LineParser parser, List<String> sample) {
        int starts = 0;
        int unread = 0;
        for (String line : sample) {
            if (line.isBlank()) {
                continue;
            }
            if (parser.parse(line).isPresent()) {
                starts++;
            } else if (!(parser.continuationLines() && Continuations.isContinuation(line))) {
                unread++;
            }
        }
        return starts == 0 ? 0 : (double) starts / (starts + unread);
    }
}
