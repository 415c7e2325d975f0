package dev.pipelog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pipelog-server launcher runs the listener alone, whatever options it is given. */
class ServerMainTest {
    @Test
    void theListenerLauncherIsHeadlessWithTheUsersOptionsKept() {
        assertThat(ServerMain.withHeadless(new String[] {"--port", "9999"}))
                .containsExactly("--headless", "--port", "9999");
        assertThat(ServerMain.withHeadless(new String[0])).containsExactly("--headless");
        assertThat(ServerMain.withHeadless(new String[] {"--headless", "--demo"})).containsExactly("--headless", "--demo");
    }
}
