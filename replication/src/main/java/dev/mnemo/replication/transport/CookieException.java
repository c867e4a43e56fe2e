package dev.mnemo.replication.transport;

/** A cookie could not be used: its file is missing, unreadable, empty, or readable by other users. */
public final class CookieException extends Exception {
    private static final long serialVersionUID = 1L;

    public CookieException(String message) {
        super(message);
    }

    public CookieException(String message, Throwable cause) {
        super(message, cause);
    }
}
