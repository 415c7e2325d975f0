package dev.pipelog.store;

/** The database file was written by a newer Pipelog; opening it could damage it, so it is refused. */
public class IncompatibleDatabaseException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final int databaseVersion;
    private final int supportedVersion;

    public IncompatibleDatabaseException(int databaseVersion, int supportedVersion) {
        super("the database has schema version " + databaseVersion + " but this Pipelog knows only up to version "
                + supportedVersion + "; use a newer Pipelog or another database file");
        this.databaseVersion = databaseVersion;
        this.supportedVersion = supportedVersion;
    }

    public int databaseVersion() {
        return databaseVersion;
    }

    public int supportedVersion() {
        return supportedVersion;
    }
}
