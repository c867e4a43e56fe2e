package dev.mnemo.engine;

/** A row breaks a check constraint of its table (SQLState 23514); see {@link ActionValidator}. */
public class CheckViolationException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public CheckViolationException(String message) {
        super("23514", message);
    }
}
