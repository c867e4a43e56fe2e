package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.RowIds;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;
import java.util.Locale;

/**
 * Writes to a table without a primary key ({@link RowIds}): an INSERT, UPSERT or MERGE's insert without a column list
 * is given the list of the columns the table shows (as many as its rows of values have), so that the hidden row id
 * takes its generated value wherever it stands among the columns; and a statement that names the row id as a column
 * it writes fails with 428C9, as for a column GENERATED ALWAYS. Applied to the parsed statement, before validation.
 */
final class RowIdWrites {
    private RowIdWrites() {
    }

    static void apply(SqlNode statement, MnemoSchema schema) {
        if (statement instanceof SqlInsert) {
            SqlInsert insert = (SqlInsert) statement;
            insert(insert, table(schema, insert.getTargetTable()));
        } else if (statement instanceof SqlUpdate) {
            refuseNamed(((SqlUpdate) statement).getTargetColumnList(), "an UPDATE");
        } else if (statement instanceof SqlMerge) {
            SqlMerge merge = (SqlMerge) statement;
            if (merge.getUpdateCall() != null) {
                refuseNamed(merge.getUpdateCall().getTargetColumnList(), "a MERGE");
            }
            if (merge.getInsertCall() != null) {
                insert(merge.getInsertCall(), table(schema, merge.getTargetTable()));
            }
        }
    }

    /** The table a statement writes, when it is one without a primary key; else null. */
    private static MnemoTable table(MnemoSchema schema, SqlNode target) {
        MnemoTable table = IdentityWrites.targetTable(schema, target);
        return table == null || !RowIds.isKeyless(table.schema()) ? null : table;
    }

    private static void insert(SqlInsert insert, MnemoTable table) {
        if (insert.getTargetColumnList() != null) {
            refuseNamed(insert.getTargetColumnList(), "an INSERT");
            return;
        }
        if (table == null) {
            return;
        }
        List<ColumnDef> visible = RowIds.visibleColumns(table.schema());
        int width = visible.size();
        SqlNode source = insert.getSource();
        if (source.getKind() == SqlKind.VALUES) {
            width = 0;
            for (SqlNode row : ((SqlCall) source).getOperandList()) {
                int values = row.getKind() == SqlKind.ROW ? ((SqlCall) row).operandCount() : 1;
                width = Math.max(width, values);
            }
            if (width > visible.size()) {
                throw new SqlError("42000", "INSERT INTO " + table.schema().name() + " gives " + width
                        + " values in a row, but the table has " + visible.size() + " columns");
            }
        }
        SqlParserPos pos = insert.getParserPosition();
        SqlNodeList columns = new SqlNodeList(pos);
        for (int i = 0; i < width; i++) {
            columns.add(new SqlIdentifier(visible.get(i).name(), pos));
        }
        insert.setOperand(3, columns);
    }

    private static void refuseNamed(SqlNodeList columns, String statement) {
        for (SqlNode c : columns) {
            List<String> names = ((SqlIdentifier) c).names;
            if (RowIds.isRowId(names.get(names.size() - 1).toUpperCase(Locale.ROOT))) {
                throw new SqlError("428C9", "column " + RowIds.COLUMN + " is the hidden row id of a table without "
                        + "a primary key: " + statement + " cannot give it a value");
            }
        }
    }
}
