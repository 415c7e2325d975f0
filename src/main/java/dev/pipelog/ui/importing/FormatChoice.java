package dev.pipelog.ui.importing;

import dev.pipelog.ingest.file.FileFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the format picker: detection, a fixed format, or the user's Python format string.
 *
 * @param kind empty for "detect from the content"
 */
record FormatChoice(Optional<FileFormat.Kind> kind) {

    static final FormatChoice DETECT = new FormatChoice(Optional.empty());

    static List<FormatChoice> all() {
        List<FormatChoice> all = new ArrayList<>();
        all.add(DETECT);
        for (FileFormat.Kind k : FileFormat.Kind.values()) {
            all.add(new FormatChoice(Optional.of(k)));
        }
        return all;
    }

    boolean needsPattern() {
        return kind.equals(Optional.of(FileFormat.Kind.PYTHON));
    }

    /**
     * The format to import with; empty to detect it.
     *
     * @throws IllegalArgumentException when the Python format string cannot be a parser (the message says why)
     */
    Optional<FileFormat> format(String pattern) {
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(needsPattern() ? FileFormat.python(pattern.strip()) : FileFormat.of(kind.get()));
    }

    @Override
    public String toString() {
        return kind.map(k -> k == FileFormat.Kind.PYTHON ? "Python format string" : k.label()).orElse("Detect from the content");
    }
}
