package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.plan.DatetimeLiterals;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOperator;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUpdate;

import java.util.ArrayList;
import java.util.List;

/**
 * A TIME or TIMESTAMP literal (WITH TIME ZONE or not) that an INSERT's rows of VALUES or items of SELECT (or of the
 * branches of a UNION ALL of them), an UPDATE's SET or a MERGE's writes straight to a column of fewer fractional
 * digits is rounded once, to the column's ({@link DatetimeLiterals#resolvedFor}), as a text or a parameter written
 * there is: resolved alone it would be rounded to milliseconds first, and {@code TIMESTAMP '... 00.4996'} stored as
 * {@code 00:00:01} in a TIMESTAMP(0). Applied to the parsed statement, before validation, where such literals are
 * still unresolved; after {@link RowIdWrites}, which names the columns an INSERT into a table without a primary key
 * writes.
 */
final class WrittenDatetimes {
    private WrittenDatetimes() {
    }

    static void apply(SqlNode statement, MnemoSchema schema) {
        if (statement instanceof SqlInsert) {
            SqlInsert insert = (SqlInsert) statement;
            insert(insert, IdentityWrites.targetTable(schema, insert.getTargetTable()));
        } else if (statement instanceof SqlUpdate) {
            SqlUpdate update = (SqlUpdate) statement;
            update(update, IdentityWrites.targetTable(schema, update.getTargetTable()));
        } else if (statement instanceof SqlMerge) {
            SqlMerge merge = (SqlMerge) statement;
            MnemoTable table = IdentityWrites.targetTable(schema, merge.getTargetTable());
            if (merge.getUpdateCall() != null) {
                update(merge.getUpdateCall(), table);
            }
            if (merge.getInsertCall() != null) {
                insert(merge.getInsertCall(), table);
            }
        }
    }

    private static void insert(SqlInsert insert, MnemoTable table) {
        if (table != null) {
            source(insert.getSource(), types(table, insert.getTargetColumnList()));
        }
    }

    /**
     * The rows of an INSERT's source, written one value to each column of {@code types} in order: those of VALUES,
     * of a SELECT, and of each branch of a UNION ALL of them. A UNION without ALL is left alone, as it compares its
     * rows before they are written: rounded once, two rows could become one.
     */
    private static void source(SqlNode source, List<ColumnType> types) {
        if (source instanceof SqlSelect) {
            selected((SqlSelect) source, types);
        } else if (source.getKind() == SqlKind.VALUES) {
            for (SqlNode row : ((SqlCall) source).getOperandList()) {
                if (row.getKind() == SqlKind.ROW) {
                    SqlCall values = (SqlCall) row;
                    for (int i = 0; i < values.operandCount() && i < types.size(); i++) {
                        values.setOperand(i, written(values.operand(i), types.get(i)));
                    }
                }
            }
        } else if (source.getKind() == SqlKind.UNION && ((SqlSetOperator) ((SqlCall) source).getOperator()).isAll()) {
            ((SqlCall) source).getOperandList().forEach(branch -> source(branch, types));
        }
    }

    /**
     * The items of an INSERT's SELECT, written one to each column of {@code types} in order. A literal item is the
     * same in every row, so rounding it changes no row's grouping. A star is written those of the rows of VALUES it
     * selects from, when it selects them all as they are (no filter, grouping, DISTINCT or limit, which could read
     * them before they are written).
     */
    private static void selected(SqlSelect select, List<ColumnType> types) {
        SqlNodeList items = select.getSelectList();
        if (items.stream().anyMatch(item -> item instanceof SqlIdentifier && ((SqlIdentifier) item).isStar())) {
            SqlNode from = select.getFrom();
            from = from != null && from.getKind() == SqlKind.AS ? ((SqlCall) from).operand(0) : from;
            if (items.size() == 1 && from != null && from.getKind() == SqlKind.VALUES && asTheyAre(select)) {
                source(from, types);
            }
            return;
        }
        for (int i = 0; i < items.size() && i < types.size(); i++) {
            SqlNode item = items.get(i);
            if (item.getKind() == SqlKind.AS) {
                SqlCall as = (SqlCall) item;
                as.setOperand(0, written(as.operand(0), types.get(i)));
            } else {
                items.set(i, written(item, types.get(i)));
            }
        }
    }

    /** Whether {@code select} gives the rows it reads as they are, all of them and each once. */
    private static boolean asTheyAre(SqlSelect select) {
        return select.getWhere() == null && select.getGroup() == null && select.getHaving() == null
                && select.getQualify() == null && !select.isDistinct() && select.getFetch() == null
                && select.getOffset() == null && select.getOrderList() == null;
    }

    private static void update(SqlUpdate update, MnemoTable table) {
        if (table == null) {
            return;
        }
        List<ColumnType> types = types(table, update.getTargetColumnList());
        SqlNodeList values = update.getSourceExpressionList();
        for (int i = 0; i < values.size() && i < types.size(); i++) {
            values.set(i, written(values.get(i), types.get(i)));
        }
    }

    /** {@code value} as written to a column of {@code type} (null for a column the table does not have). */
    private static SqlNode written(SqlNode value, ColumnType type) {
        if (type == null || !(value instanceof SqlUnknownLiteral)) {
            return value;
        }
        SqlLiteral once = DatetimeLiterals.resolvedFor((SqlUnknownLiteral) value, type);
        return once == null ? value : once;
    }

    /** The types of the columns named, or of all the table's columns when none are; null for a name unknown. */
    private static List<ColumnType> types(MnemoTable table, SqlNodeList names) {
        List<ColumnDef> columns = table.schema().columns();
        List<ColumnType> types = new ArrayList<>();
        if (names == null) {
            columns.forEach(c -> types.add(c.type()));
            return types;
        }
        for (SqlNode name : names) {
            List<String> parts = ((SqlIdentifier) name).names;
            String last = parts.get(parts.size() - 1);
            types.add(columns.stream().filter(c -> c.name().equalsIgnoreCase(last)).map(ColumnDef::type)
                    .findFirst().orElse(null));
        }
        return types;
    }
}
