package dev.mnemo.engine;

/**
 * Judges each child row that a foreign key's action (ON DELETE SET NULL, ON UPDATE CASCADE or SET NULL) rewrites,
 * where the record that makes the change applies: on every member, in log order, so it must give every member the
 * same verdict from the same state. It runs on the applier's thread under its lock: it may read committed rows
 * ({@link Mnemo#dirtyRead}, which show the state before the record) but must not run a transaction. A member
 * without one cannot judge a table with checks (a non-empty {@link CheckMark}): when an action rewrites its rows, the
 * member stops applying with {@link ChecksNotJudgedException} rather than differ from the members that judge them.
 */
@FunctionalInterface
public interface ActionValidator {
    /** Accepts every row. */
    ActionValidator NONE = (table, row) -> { };

    /**
     * Throws a {@link MnemoException} (a {@link CheckViolationException} for a row a check is false for) to fail the
     * record, which then changes nothing; {@code row} is the child row as it is to be stored, its values in the
     * column order of {@code table}, the table's schema now.
     */
    void validate(TableSchema table, Object[] row);

    /**
     * Told, on the applier's thread as it applies, of each new version of a table with checks (a non-empty
     * {@link CheckMark}), so that it may make ready off that thread to judge its rows (compile its checks) before an
     * action needs it: it must return at once and change nothing.
     */
    default void prepare(TableSchema table) {
    }
}
