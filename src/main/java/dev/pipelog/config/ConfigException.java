package dev.pipelog.config;

/** A setting has a value Pipelog cannot use; the message is one line naming it, the value and what is accepted. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
