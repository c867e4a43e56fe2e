package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables declared without a primary key. The engine keeps every table's rows by key, so such a table gets a hidden
 * key column, {@value #COLUMN}, a BIGINT whose values a statement draws from the hidden sequence {@value #SEQUENCE}
 * where it runs and writes with the row: every member stores the same row id, and no two rows, on any member, ever
 * get the same one. SQL leaves the column out of {@code SELECT *}, of an INSERT without a column list and of the
 * metadata; naming it reads it (as H2's {@code _ROWID_}), and no statement may give it a value.
 */
public final class RowIds {
    /** The hidden key column of a table without a primary key. */
    public static final String COLUMN = "MNEMO$ROWID";
    /** The hidden sequence that every such table draws its row ids from. */
    public static final String SEQUENCE = "MNEMO$ROWIDS";
    /** Row ids a member reserves at once: one transaction on the sequence's row per this many rows inserted. */
    public static final long CACHE = 1000;

    private RowIds() {
    }

    /** The definition of the hidden key column. */
    public static ColumnDef column() {
        return ColumnDef.of(COLUMN, ColumnType.BIGINT).notNull();
    }

    /** Whether the table was declared without a primary key, and so is keyed by its hidden row id. */
    public static boolean isKeyless(TableSchema s) {
        return s.hasColumn(COLUMN);
    }

    /** Whether a column is the hidden row id. */
    public static boolean isRowId(String columnName) {
        return COLUMN.equals(columnName);
    }

    /** The columns that SQL shows: all but the hidden row id, in order. */
    public static List<ColumnDef> visibleColumns(TableSchema s) {
        List<ColumnDef> out = new ArrayList<>();
        for (ColumnDef c : s.columns()) {
            if (!isRowId(c.name())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The primary key's columns as SQL declares them: none for a table keyed by its row id. */
    public static List<String> primaryKeyNames(TableSchema s) {
        return isKeyless(s) ? List.of() : s.primaryKeyNames();
    }
}
