package dev.pipelog.ui;

import dev.pipelog.config.Settings;

/** Starts the window. Placeholder until the desktop app lands (issue 4). */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    public static int run(Settings settings) {
        throw new UnsupportedOperationException("the window is not built yet");
    }
}
