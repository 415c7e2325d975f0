package dev.pipelog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class UiTaskTest {

    @Test
    void workAskedForWhileTheWindowClosesIsDroppedQuietly() {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        AtomicBoolean answered = new AtomicBoolean();

        Task<Integer> task = UiTask.supply(() -> 1)
                .onSuccess(v -> answered.set(true))
                .onError(e -> answered.set(true))
                .start(closed);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(task.isCancelled()).isTrue();
        assertThat(answered).isFalse();
    }

    @Test
    void aTaskThatSaysNothingAboutItsFailureIsRefusedBeforeItRuns() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicBoolean ran = new AtomicBoolean();
        try {
            assertThatThrownBy(() -> UiTask.supply(() -> ran.getAndSet(true)).onSuccess(v -> { }).start(executor))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("onError");
        } finally {
            executor.shutdown();
        }
        assertThat(ran).isFalse();
    }
}
