package dev.mnemo.engine;

/**
 * A write or sync to the disc failed (a full or failing device, a lost permission): what was being written is not
 * durable, and the database refuses every later write until it is reopened and recovers what is on disk.
 */
public class DiscWriteFailedException extends MemberStoppedException {
    private static final long serialVersionUID = 1L;

    public DiscWriteFailedException(String message, Throwable cause) {
        super("58030", message, cause);
    }

    @Override
    public DiscWriteFailedException restated(String message) {
        return new DiscWriteFailedException(message, this);
    }
}
