package dev.pipelog.app;

import dev.pipelog.config.Settings;

/** Starts the engine, the listener and the window. Placeholder until the desktop app lands (issue 4). */
public final class DesktopMain {
    private DesktopMain() {
    }

    public static int run(Settings settings) {
        throw new UnsupportedOperationException("the window is not built yet");
    }
}
