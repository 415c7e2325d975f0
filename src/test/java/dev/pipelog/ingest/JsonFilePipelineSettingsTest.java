package dev.pipelog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipelog.model.Level;
import dev.pipelog.model.PipelineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilePipelineSettingsTest {
    @TempDir
    Path dir;

    @Test
    void changesArePersistedAndSurviveARestart() throws Exception {
        var service = JsonFilePipelineSettings.open(dir);
        service.put(new PipelineSettings("etl", Level.WARNING, 7));
        service.put(new PipelineSettings("billing", null, 30));
        service.put(new PipelineSettings("etl", Level.ERROR, null));
        service.remove("billing");

        var reopened = JsonFilePipelineSettings.open(dir);

        assertThat(reopened.all()).containsExactly(new PipelineSettings("etl", Level.ERROR, null));
        assertThat(reopened.get("billing")).isEmpty();
        assertThat(dir.resolve(JsonFilePipelineSettings.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void listenersHearEveryChangeWithTheFullList() throws Exception {
        var service = JsonFilePipelineSettings.open(dir);
        List<List<PipelineSettings>> heard = new ArrayList<>();
        service.addListener(heard::add);

        service.put(new PipelineSettings("etl", Level.INFO, null));
        service.remove("etl");
        service.remove("never-there");

        assertThat(heard).containsExactly(List.of(new PipelineSettings("etl", Level.INFO, null)), List.of());
    }

    @Test
    void aDamagedSettingsFileIsReportedNotIgnored() throws Exception {
        Files.writeString(dir.resolve(JsonFilePipelineSettings.FILE_NAME),
                "{\"pipelines\":[{\"pipeline_id\":\"etl\",\"min_level\":\"LOUD\"}]}");

        assertThatThrownBy(() -> JsonFilePipelineSettings.open(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("invalid entry");
    }

    @Test
    void aPipelineWithoutSettingsKeepsEverything() throws Exception {
        var service = JsonFilePipelineSettings.open(dir);

        assertThat(service.get("etl")).isEmpty();
        assertThat(service.get(null)).isEmpty();
    }
}
