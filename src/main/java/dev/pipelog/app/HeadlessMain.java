package dev.pipelog.app;

import dev.pipelog.config.Settings;

/** Runs the listener and store without a window. Placeholder until the HTTP listener lands (issue 3). */
public final class HeadlessMain {
    private HeadlessMain() {
    }

    public static int run(Settings settings) {
        throw new UnsupportedOperationException("headless mode is not built yet");
    }
}
