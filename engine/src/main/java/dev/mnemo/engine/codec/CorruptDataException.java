package dev.mnemo.engine.codec;

/** Encoded data did not decode: a torn journal tail, a damaged snapshot, a malformed record. */
public class CorruptDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }
}
