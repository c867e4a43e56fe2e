package dev.mnemo.sql.exec;

import dev.mnemo.engine.TableSchema;
import org.apache.calcite.rel.core.TableModify;

import java.util.List;

/**
 * What a compiled DML statement does with its input rows. Input layouts follow Calcite's TableModify:
 * INSERT and DELETE rows are table rows; UPDATE rows are the old row then the new values of the updated
 * columns; MERGE rows are the row to insert (if the MERGE inserts), then the old row and new values (if it
 * updates), then the row's action if its clauses say which (see {@link #ACTION}).
 */
public final class ModifySpec {
    /**
     * The name of the last input column of a MERGE of several WHEN clauses: the action each row takes,
     * {@link #NONE}, {@link #UPDATE}, {@link #DELETE} or {@link #INSERT}.
     */
    public static final String ACTION = "$MERGE_ACTION";
    /** A row that no WHEN clause takes. */
    public static final int NONE = 0;
    /** A matched row that a WHEN MATCHED THEN UPDATE takes. */
    public static final int UPDATE = 1;
    /** A matched row that a WHEN MATCHED THEN DELETE takes. */
    public static final int DELETE = 2;
    /** A source row that a WHEN NOT MATCHED THEN INSERT takes. */
    public static final int INSERT = 3;

    final TableSchema schema;
    final TableModify.Operation operation;
    final boolean upsert;
    final int[] updated;
    final int inputWidth;
    final boolean scalarInput;
    /** The position of the table's identity column, whose inserted values the statement reports; -1 for none. */
    final int identity;
    /** Whether the input's last column is each row's {@link #ACTION}, after the columns of Calcite's layout. */
    final boolean actions;

    public ModifySpec(TableSchema schema, TableModify.Operation operation, boolean upsert, List<Integer> updated,
                      int inputWidth, boolean scalarInput, int identity, boolean actions) {
        this.schema = schema;
        this.operation = operation;
        this.upsert = upsert;
        this.updated = updated.stream().mapToInt(Integer::intValue).toArray();
        this.inputWidth = inputWidth;
        this.scalarInput = scalarInput;
        this.identity = identity;
        this.actions = actions;
    }
}
