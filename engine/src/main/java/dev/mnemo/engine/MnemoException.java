package dev.mnemo.engine;

/**
 * The root of every error a user of Mnemo can cause; each carries the SQLState the SQL layer reports for it.
 */
public class MnemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public MnemoException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public MnemoException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The five-character SQLState (ISO/IEC 9075) that classifies this error. */
    public String sqlState() {
        return sqlState;
    }
}
