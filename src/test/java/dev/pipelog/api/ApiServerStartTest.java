package dev.pipelog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerStartTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseIsRefusedWithWordsNamingTheSetting() {
        try (ApiFixture first = ApiFixture.start(dir.resolve("a"))) {
            String port = Integer.toString(first.server.port());
            assertThatThrownBy(() -> ApiFixture.start(dir.resolve("b"), Map.of("PIPELOG_PORT", port)))
                    .isInstanceOf(ApiStartException.class)
                    .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("PIPELOG_PORT");
        }
    }

    @Test
    void theBoundUrlNamesThePortActuallyChosen() {
        try (ApiFixture api = ApiFixture.start(dir)) {
            assertThat(api.server.port()).isPositive();
            assertThat(api.server.url().toString()).isEqualTo("http://127.0.0.1:" + api.server.port() + "/");
        }
    }
}
