package dev.mnemo.replication.log;

import java.nio.file.Path;

/**
 * The stored log cannot be trusted: a record that was already followed by others (so its batch may have been
 * acknowledged) is cut short or fails its checksum, or the records contradict each other. Recovery refuses to
 * guess; an operator restores the member from a peer.
 */
public final class CorruptLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String why) {
        super("corrupt log file " + file + " at byte offset " + offset + ": " + why);
        this.file = file;
        this.offset = offset;
    }

    public CorruptLogException(Path file, long offset, String why, Throwable cause) {
        super("corrupt log file " + file + " at byte offset " + offset + ": " + why, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The file holding the bad record. */
    public Path file() {
        return file;
    }

    /** Where the bad record starts in {@link #file()}. */
    public long offset() {
        return offset;
    }
}
