package dev.mnemo.engine.core;

import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableScan;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.engine.table.Table;

import java.util.function.Consumer;

/**
 * A {@link TableScan} of a set or bag table inside one transaction attempt: its {@link HashOrderWalk} read a piece
 * a call, so each row is given exactly once; a walk gone stale between pieces fails the call with
 * {@link TransactionConflictException}.
 */
final class PieceScan implements TableScan {
    private final Table table;
    private final HashOrderWalk rows;

    PieceScan(Table table, HashOrderWalk rows) {
        this.table = table;
        this.rows = rows;
    }

    @Override
    public boolean readPiece(Consumer<Row> visitor) {
        boolean more = rows.readPiece(v -> {
            visitor.accept(table.toRow(v));
            return true;
        });
        if (rows.isStale()) {
            throw new TransactionConflictException("table " + table.schema().name() + " moved to a larger map, or was"
                    + " dropped, while a scan of it was read in pieces: the transaction must run again");
        }
        return more;
    }
}
