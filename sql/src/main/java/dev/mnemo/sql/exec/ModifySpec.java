package dev.mnemo.sql.exec;

import dev.mnemo.engine.TableSchema;
import org.apache.calcite.rel.core.TableModify;

import java.util.List;

/**
 * What a compiled DML statement does with its input rows. Input layouts follow Calcite's TableModify:
 * INSERT and DELETE rows are table rows; UPDATE rows are the old row then the new values of the updated
 * columns; MERGE rows are the row to insert (if the MERGE inserts), then the old row and new values (if it updates).
 */
public final class ModifySpec {
    final TableSchema schema;
    final TableModify.Operation operation;
    final boolean upsert;
    final int[] updated;
    final int inputWidth;
    final boolean scalarInput;
    /** The position of the table's identity column, whose inserted values the statement reports; -1 for none. */
    final int identity;

    public ModifySpec(TableSchema schema, TableModify.Operation operation, boolean upsert, List<Integer> updated,
                      int inputWidth, boolean scalarInput, int identity) {
        this.schema = schema;
        this.operation = operation;
        this.upsert = upsert;
        this.updated = updated.stream().mapToInt(Integer::intValue).toArray();
        this.inputWidth = inputWidth;
        this.scalarInput = scalarInput;
        this.identity = identity;
    }
}
