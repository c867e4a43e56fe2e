package dev.mnemo.sql.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.util.Util;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a MERGE's source of values, {@code USING (VALUES (?, ?), ...) AS s (id, v)}: each takes the
 * type of the target column that its source column ({@code s.id}) is written to by the INSERT, set to by a SET, or
 * compared with ({@code t.id = s.id}) in the ON condition, in that order of preference. A parameter whose column is
 * used in none of these ways is left as it is, and the validator refuses it (42000).
 */
final class SourceValues {
    private SourceValues() {
    }

    static void type(SqlMerge merge, RelDataType target, RelDataTypeFactory types) {
        if (!(merge.getSourceTableRef() instanceof SqlBasicCall)
                || merge.getSourceTableRef().getKind() != SqlKind.AS) {
            return;
        }
        List<SqlNode> as = ((SqlBasicCall) merge.getSourceTableRef()).getOperandList();
        if (as.size() < 3 || as.get(0).getKind() != SqlKind.VALUES || !(as.get(1) instanceof SqlIdentifier)) {
            return; // not a source of values whose columns are named
        }
        String alias = ((SqlIdentifier) as.get(1)).getSimple();
        List<String> columns = new ArrayList<>();
        for (SqlNode c : as.subList(2, as.size())) {
            columns.add(((SqlIdentifier) c).getSimple());
        }
        Map<String, RelDataType> typeOf = new HashMap<>();
        inserted(merge.getInsertCall(), target, alias, columns, typeOf);
        set(merge.getUpdateCall(), target, alias, columns, typeOf);
        compared(merge.getCondition(), target, alias, columns, typeOf);
        for (SqlNode r : ((SqlCall) as.get(0)).getOperandList()) {
            if (r.getKind() != SqlKind.ROW) {
                continue;
            }
            SqlCall values = (SqlCall) r;
            for (int i = 0; i < values.operandCount() && i < columns.size(); i++) {
                RelDataType type = typeOf.get(columns.get(i));
                if (values.operand(i) instanceof SqlDynamicParam && type != null) {
                    values.setOperand(i, MergeParameters.cast(values.operand(i), type, types));
                }
            }
        }
    }

    /** The source column that {@code node} names, {@code s.c} or {@code c}; null if it names none. */
    private static String sourceColumn(SqlNode node, String alias, List<String> columns) {
        if (!(node instanceof SqlIdentifier)) {
            return null;
        }
        List<String> names = ((SqlIdentifier) node).names;
        if (names.size() > 2 || names.size() == 2 && !names.get(0).equals(alias)) {
            return null;
        }
        String name = Util.last(names);
        return columns.contains(name) ? name : null;
    }

    private static void note(Map<String, RelDataType> typeOf, String column, RelDataType target, String name) {
        RelDataTypeField field = target.getField(name, false, false);
        if (column != null && field != null) {
            typeOf.putIfAbsent(column, field.getType());
        }
    }

    private static void inserted(SqlInsert insert, RelDataType target, String alias, List<String> columns,
                                 Map<String, RelDataType> typeOf) {
        if (insert == null || insert.getSource().getKind() != SqlKind.VALUES) {
            return;
        }
        List<SqlNode> rows = ((SqlCall) insert.getSource()).getOperandList();
        if (rows.size() != 1 || rows.get(0).getKind() != SqlKind.ROW) {
            return;
        }
        List<SqlNode> values = ((SqlCall) rows.get(0)).getOperandList();
        SqlNodeList named = insert.getTargetColumnList();
        for (int j = 0; j < values.size(); j++) {
            String name = named == null
                    ? j < target.getFieldCount() ? target.getFieldList().get(j).getName() : null
                    : j < named.size() && named.get(j) instanceof SqlIdentifier
                    ? Util.last(((SqlIdentifier) named.get(j)).names) : null;
            if (name != null) {
                note(typeOf, sourceColumn(values.get(j), alias, columns), target, name);
            }
        }
    }

    private static void set(SqlUpdate update, RelDataType target, String alias, List<String> columns,
                            Map<String, RelDataType> typeOf) {
        if (update == null) {
            return;
        }
        SqlNodeList values = update.getSourceExpressionList();
        SqlNodeList named = update.getTargetColumnList();
        for (int j = 0; j < values.size() && j < named.size(); j++) {
            if (named.get(j) instanceof SqlIdentifier) {
                note(typeOf, sourceColumn(values.get(j), alias, columns), target,
                        Util.last(((SqlIdentifier) named.get(j)).names));
            }
        }
    }

    /** The equalities of the ON condition, through ANDs, between a target column and a source column. */
    private static void compared(SqlNode condition, RelDataType target, String alias, List<String> columns,
                                 Map<String, RelDataType> typeOf) {
        if (condition == null) {
            return;
        }
        if (condition.getKind() == SqlKind.AND) {
            for (SqlNode operand : ((SqlCall) condition).getOperandList()) {
                compared(operand, target, alias, columns, typeOf);
            }
            return;
        }
        if (condition.getKind() != SqlKind.EQUALS) {
            return;
        }
        SqlNode left = ((SqlCall) condition).operand(0);
        SqlNode right = ((SqlCall) condition).operand(1);
        compare(left, right, target, alias, columns, typeOf);
        compare(right, left, target, alias, columns, typeOf);
    }

    private static void compare(SqlNode targetSide, SqlNode sourceSide, RelDataType target, String alias,
                                List<String> columns, Map<String, RelDataType> typeOf) {
        if (targetSide instanceof SqlIdentifier && sourceColumn(targetSide, alias, columns) == null
                || targetSide instanceof SqlIdentifier && ((SqlIdentifier) targetSide).names.size() == 2
                && !((SqlIdentifier) targetSide).names.get(0).equals(alias)) {
            note(typeOf, sourceColumn(sourceSide, alias, columns), target,
                    Util.last(((SqlIdentifier) targetSide).names));
        }
    }
}
