package dev.pipelog;

import dev.pipelog.config.ConfigException;
import dev.pipelog.config.Settings;
import dev.pipelog.config.SettingsLoader;
import java.util.List;

/**
 * Entry point. A plain class on purpose: JavaFX refuses to start from a main class that extends
 * {@code Application} on a class path, and {@code --headless} must not load any JavaFX class.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<String> argList = List.of(args);
        if (!argList.isEmpty() && argList.get(0).equals("import")) {
            int status = dev.pipelog.app.ImportCommand.run(argList.subList(1, argList.size()), System.out, System.err);
            System.out.flush();
            System.exit(status); // a follow's or the writer's daemon threads must not outlive the command
            return;
        }
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.print(Usage.TEXT);
            return;
        }
        if (argList.contains("--version")) {
            System.out.println("pipelog " + Version.current());
            return;
        }
        Settings settings;
        try {
            settings = SettingsLoader.load(args);
        } catch (ConfigException e) {
            System.err.println("pipelog: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status = settings.headless()
                ? dev.pipelog.app.HeadlessMain.run(settings)
                : dev.pipelog.app.DesktopMain.run(settings);
        if (status != 0) {
            System.exit(status);
        }
    }
}
