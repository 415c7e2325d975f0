package dev.pipelog.ui.common;

import java.util.function.LongConsumer;

/**
 * Fills the store with realistic demo records (the empty state's "Load demo data" button and
 * {@code --demo}). Blocking: call it off the FX thread.
 */
@FunctionalInterface
public interface DemoDataLoader {

    /**
     * @param records  how many records to generate
     * @param progress told the number stored so far, from the loading thread
     * @return the number stored
     */
    long load(int records, LongConsumer progress);
}
