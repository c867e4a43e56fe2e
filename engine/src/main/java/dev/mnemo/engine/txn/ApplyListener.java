package dev.mnemo.engine.txn;

import dev.mnemo.engine.table.Table;

import java.util.List;

/** Told by the {@link Applier} of everything it applied, in order: the journal and the change events listen. */
public interface ApplyListener {
    /** A transaction record committed at {@code version} with these key changes. */
    void rowsChanged(long version, List<Change> changes);

    /**
     * A schema change applied at {@code version}; {@code table} is the table it created, changed or dropped (null if
     * it found nothing to do), {@code alsoChanged} the other tables it changed (a drop's children, with CASCADE),
     * {@code changes} the key changes its record wrote to other tables in the same step (often none). They come in
     * one call, not as a later {@link #rowsChanged}, so that the journal can keep the step whole.
     */
    void schemaChanged(long version, DdlOp op, Table table, List<Table> alsoChanged, List<Change> changes);

    /**
     * The batch ending at {@code lastVersion} is applied. Called outside the apply lock but still by the one
     * thread that applies, so no other batch runs meanwhile.
     */
    void batchApplied(long lastVersion);
}
