package dev.pipelog;

import java.util.Arrays;

/**
 * Entry point of the {@code pipelog-server} launcher: {@link Main} with {@code --headless} always on,
 * so the launcher's own JVM options (a heap sized for the listener alone) go with the listener
 * whatever other options a user passes. jpackage's default arguments would not do: any argument
 * given replaces them all.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        Main.main(withHeadless(args));
    }

    static String[] withHeadless(String[] args) {
        if (Arrays.asList(args).contains("--headless")) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = "--headless";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
