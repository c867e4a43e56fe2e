package dev.mnemo.engine;

/**
 * This member cannot judge the checks of rows a foreign key's action rewrites, since nothing judges them here (no
 * {@link ActionValidator}, which the SQL layer registers), while members that have one may refuse the record: it
 * stops applying rather than differ from them (SQLState 55000), and refuses every later write until it is reopened
 * with a validator.
 */
public class ChecksNotJudgedException extends MemberStoppedException {
    private static final long serialVersionUID = 1L;

    public ChecksNotJudgedException(String message) {
        this(message, null);
    }

    public ChecksNotJudgedException(String message, Throwable cause) {
        super("55000", message, cause);
    }

    @Override
    public ChecksNotJudgedException restated(String message) {
        return new ChecksNotJudgedException(message, this);
    }
}
