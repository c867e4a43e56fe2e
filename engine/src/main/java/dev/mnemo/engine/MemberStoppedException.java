package dev.mnemo.engine;

/**
 * An error after which this member applies nothing more and refuses every later write until it is reopened: the
 * environment's doing or its setup's, not a verdict on the write that met it, and not a bug.
 */
public abstract class MemberStoppedException extends MnemoException {
    private static final long serialVersionUID = 1L;

    protected MemberStoppedException(String sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    /**
     * The same error, of this type and SQLState, told as {@code message} (which says more of where it struck),
     * with this one as its cause.
     */
    public abstract MemberStoppedException restated(String message);
}
