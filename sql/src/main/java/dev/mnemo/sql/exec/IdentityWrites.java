package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.SqlInsertOverriding;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;

import java.util.List;
import java.util.Locale;

/**
 * Refuses (428C9) a value that a statement gives to a {@code GENERATED ALWAYS AS IDENTITY} column: an INSERT,
 * UPSERT or MERGE's insert that names it with anything but DEFAULT, or inserts a query's rows into it, and an UPDATE
 * or MERGE's update that sets it to anything but DEFAULT; an {@code INSERT ... OVERRIDING SYSTEM VALUE} keeps the values
 * it gives. Checked on the parsed statement, where DEFAULT is still
 * told apart from a value; the column's generated values themselves come from its default ({@link MnemoTable}).
 */
final class IdentityWrites {
    private IdentityWrites() {
    }

    static void check(SqlNode statement, MnemoSchema schema) {
        if (statement instanceof SqlInsert) {
            SqlInsert insert = (SqlInsert) statement;
            checkInsert(insert, table(schema, insert.getTargetTable()));
        } else if (statement instanceof SqlUpdate) {
            SqlUpdate update = (SqlUpdate) statement;
            checkUpdate(update, table(schema, update.getTargetTable()));
        } else if (statement instanceof SqlMerge) {
            SqlMerge merge = (SqlMerge) statement;
            MnemoTable table = table(schema, merge.getTargetTable());
            if (merge.getUpdateCall() != null) {
                checkUpdate(merge.getUpdateCall(), table);
            }
            if (merge.getInsertCall() != null) {
                checkInsert(merge.getInsertCall(), table);
            }
        }
    }

    /** The table a statement writes, when it has an identity column that is GENERATED ALWAYS; else null. */
    private static MnemoTable table(MnemoSchema schema, SqlNode target) {
        MnemoTable table = targetTable(schema, target);
        return table == null || table.identity() == null || !table.identity().owner().always() ? null : table;
    }

    /** The table a statement writes ({@code target} its name, perhaps with an alias), or null if it is none. */
    static MnemoTable targetTable(MnemoSchema schema, SqlNode target) {
        if (target.getKind() == SqlKind.AS) {
            target = ((SqlCall) target).operand(0);
        }
        if (!(target instanceof SqlIdentifier)) {
            return null;
        }
        List<String> names = ((SqlIdentifier) target).names;
        return schema.table(names.get(names.size() - 1).toUpperCase(Locale.ROOT));
    }

    private static void checkInsert(SqlInsert insert, MnemoTable table) {
        if (table == null || insert instanceof SqlInsertOverriding) {
            return;
        }
        SqlNodeList columns = insert.getTargetColumnList();
        int at = columns == null ? table.identityPosition() : position(columns, table);
        if (at < 0) {
            return;
        }
        SqlNode source = insert.getSource();
        if (source.getKind() != SqlKind.VALUES) {
            throw given(table, "an INSERT of a query's rows");
        }
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            List<SqlNode> values = ((SqlCall) row).getOperandList();
            if (at < values.size() && values.get(at).getKind() != SqlKind.DEFAULT) {
                throw given(table, "an INSERT");
            }
        }
    }

    private static void checkUpdate(SqlUpdate update, MnemoTable table) {
        if (table == null) {
            return;
        }
        int at = position(update.getTargetColumnList(), table);
        if (at >= 0 && update.getSourceExpressionList().get(at).getKind() != SqlKind.DEFAULT) {
            throw given(table, "an UPDATE");
        }
    }

    private static int position(SqlNodeList columns, MnemoTable table) {
        String identity = table.identity().owner().column();
        for (int i = 0; i < columns.size(); i++) {
            List<String> names = ((SqlIdentifier) columns.get(i)).names;
            if (names.get(names.size() - 1).equalsIgnoreCase(identity)) {
                return i;
            }
        }
        return -1;
    }

    private static SqlError given(MnemoTable table, String statement) {
        return new SqlError("428C9", "column " + table.identity().owner().column() + " of table "
                + table.schema().name() + " is GENERATED ALWAYS AS IDENTITY: " + statement
                + " cannot give it a value (leave it out or write DEFAULT)");
    }
}
