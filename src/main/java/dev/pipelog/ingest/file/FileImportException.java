package dev.pipelog.ingest.file;

/** An import or follow cannot go on; the message says why in words a user can act on. */
public final class FileImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public FileImportException(String message) {
        super(message);
    }

    public FileImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
