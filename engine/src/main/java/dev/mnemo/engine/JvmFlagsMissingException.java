package dev.mnemo.engine;

/**
 * The JVM was started without flags that Chronicle Map, which holds Mnemo's tables, cannot work without (SQLState
 * 58000): the message names them. Nothing was opened.
 */
public class JvmFlagsMissingException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public JvmFlagsMissingException(String message) {
        super("58000", message);
    }
}
