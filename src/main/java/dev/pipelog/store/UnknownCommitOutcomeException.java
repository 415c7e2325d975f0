package dev.pipelog.store;

import dev.pipelog.model.LogRecord;
import java.sql.SQLException;
import java.util.List;

/**
 * The commit of a batch failed, so whether it landed is unknown until the store is asked: the
 * writer checks by the ids of the records it tried to add.
 */
final class UnknownCommitOutcomeException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final transient List<LogRecord> attempted;

    UnknownCommitOutcomeException(SQLException cause, List<LogRecord> attempted) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.attempted = attempted;
    }

    /** The records the failed commit would have added. */
    List<LogRecord> attempted() {
        return attempted;
    }
}
