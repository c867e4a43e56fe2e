package dev.mnemo.engine;

/** A value exceeds its column's declared size: a string or binary over its length, a number out of range. */
public class ValueTooLargeException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public ValueTooLargeException(String sqlState, String message) {
        super(sqlState, message);
    }

    /** Text or binary longer than the column allows (SQLState 22001). */
    public static ValueTooLargeException tooLong(String message) {
        return new ValueTooLargeException("22001", message);
    }

    /** A number outside the column's range or precision (SQLState 22003). */
    public static ValueTooLargeException outOfRange(String message) {
        return new ValueTooLargeException("22003", message);
    }
}
