package dev.mnemo.sql.remote;

/**
 * How large one message of the client protocol may be: gRPC's default limit, which the driver's channel keeps for
 * responses and members keep for requests. Each end checks what it sends against it, so that a statement or a
 * result row too large to carry fails alone (SQLState 54000) instead of breaking the stream and the session.
 */
public final class MessageLimits {
    /** The largest message either end accepts. */
    public static final int MESSAGE_BYTES_MAX = 4 * 1024 * 1024;
    /** The most either end sends in one message, as it counts: the limit less room for what it does not count. */
    public static final int SENT_BYTES_MAX = MESSAGE_BYTES_MAX - 1024;

    private MessageLimits() {
    }
}
