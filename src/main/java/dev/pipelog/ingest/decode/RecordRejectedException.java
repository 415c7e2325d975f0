package dev.pipelog.ingest.decode;

/**
 * One record cannot be kept; the reason goes back to the client, the rest of the batch is unaffected.
 * Public so that line decoders reused outside this package (file import) can report it.
 */
public final class RecordRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordRejectedException(String reason) {
        super(reason, null, false, false);
    }

    /** For readers outside decoding that apply the same verdict (fallback replay). */
    public static RecordRejectedException of(String reason) {
        return new RecordRejectedException(reason);
    }
}
