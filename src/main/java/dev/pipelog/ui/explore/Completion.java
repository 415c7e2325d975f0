package dev.pipelog.ui.explore;

import dev.pipelog.store.LogStore;
import dev.pipelog.ui.common.PopupStyles;
import dev.pipelog.ui.common.UiServices;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.TextFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests stored values as the user types into a picker. ControlsFX asks for suggestions on its
 * own fetch thread; the store read itself runs on the UI's background executor, bounded in time.
 */
final class Completion {
    private static final Logger LOG = LoggerFactory.getLogger(Completion.class);
    private static final int SUGGESTIONS = 15;

    private Completion() {
    }

    static void bind(TextField field, UiServices services, LogStore.Field storeField) {
        var binding = TextFields.bindAutoCompletion(field, request -> {
            try {
                return services.background()
                        .submit(() -> services.store().distinctValues(storeField, request.getUserText(), SUGGESTIONS))
                        .get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("no suggestions for {}", storeField, e);
                return List.<String>of();
            }
        });
        PopupStyles.adopt(binding.getAutoCompletionPopup());
    }
}
