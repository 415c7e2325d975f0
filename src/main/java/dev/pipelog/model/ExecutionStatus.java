package dev.pipelog.model;

/** Outcome of an execution, judged from the levels of its records. */
public enum ExecutionStatus {
    /** No record above INFO. */
    OK,
    /** At least one WARNING, no ERROR or CRITICAL. */
    WARNINGS,
    /** At least one ERROR or CRITICAL. */
    FAILED;

    public static ExecutionStatus of(long warnings, long errors) {
        if (errors > 0) {
            return FAILED;
        }
        return warnings > 0 ? WARNINGS : OK;
    }
}
