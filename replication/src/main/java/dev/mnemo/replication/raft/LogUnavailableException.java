package dev.mnemo.replication.raft;

/** The requested index lies beyond the last entry of the log. */
public final class LogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogUnavailableException(long index, long lastIndex) {
        super("log index " + index + " is beyond the last index " + lastIndex, null, false, false);
    }
}
