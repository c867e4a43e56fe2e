package dev.mnemo.engine.txn;

import dev.mnemo.engine.table.Table;

import java.util.List;

/** Told by the {@link Applier} of everything it applied, in order: the journal and the change events listen. */
public interface ApplyListener {
    /** A transaction record committed at {@code version} with these key changes. */
    void rowsChanged(long version, List<Change> changes);

    /**
     * A schema change applied at {@code version}; {@code table} is the table it created, changed or dropped (null if
     * it found nothing to do), {@code alsoChanged} the other tables it changed (a drop's children, with CASCADE).
     */
    void schemaChanged(long version, DdlOp op, Table table, List<Table> alsoChanged);

    /**
     * The batch ending at {@code lastVersion} is applied. Called outside the apply lock but still by the one
     * thread that applies, so no other batch runs meanwhile.
     */
    void batchApplied(long lastVersion);
}
