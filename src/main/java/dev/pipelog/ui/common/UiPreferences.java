package dev.pipelog.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window preferences remembered across starts, in {@code ui.properties} of the data directory
 * (so a test's temporary data directory never touches the user's real preferences).
 * Reads and writes are small file operations; call them off the FX thread. Thread-safe.
 */
public final class UiPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);
    private static final String THEME = "theme";

    private final Path file;
    private final Properties values = new Properties();

    public UiPreferences(Path dataDir) {
        this.file = dataDir.resolve("ui.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException e) {
                LOG.warn("could not read {}; using default preferences", file, e);
            }
        }
    }

    public synchronized Theme theme() {
        try {
            return Theme.valueOf(values.getProperty(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public synchronized void setTheme(Theme theme) {
        values.setProperty(THEME, theme.name());
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "Pipelog window preferences");
            }
        } catch (IOException e) {
            LOG.warn("could not save preferences to {}", file, e);
        }
    }
}
