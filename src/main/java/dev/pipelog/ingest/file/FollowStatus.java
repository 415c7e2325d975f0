package dev.pipelog.ingest.file;

import java.util.Optional;

/**
 * How one followed file is doing.
 *
 * @param records   records stored from it since Pipelog started following it this run
 * @param lastError the last problem reading or storing it (it is retried), if any
 */
public record FollowStatus(FollowRequest request, State state, String formatLabel, long records,
                           Optional<String> lastError) {

    /** Where a follow stands. */
    public enum State {
        /** Reading the file as it grows. */
        FOLLOWING,
        /** The file does not exist (yet), or its first line is not complete: looked at again soon. */
        WAITING_FOR_FILE,
        /** Reading or storing failed; retried on the next poll. */
        FAILING
    }
}
