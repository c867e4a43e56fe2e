package dev.mnemo.sql.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.util.Util;

/**
 * Types the parameters of a MERGE that Calcite's validator leaves untyped and refuses as an illegal use of a
 * dynamic parameter. It infers the type of a parameter set to a column in an UPDATE, and of one in an INSERT's
 * VALUES, but not of one in a MERGE's {@code SET c = ?}, nor of one in a source of values,
 * {@code USING (VALUES (?, ?)) AS s (id, v)}. Before validation each such parameter becomes {@code CAST(? AS type)}:
 * in a SET, with the type of the column it is set to, as an UPDATE's would be; in a source of values, with the type
 * of the target column its source column is written to (by the INSERT or a SET) or compared with in the ON
 * condition. Text and binary columns are cast to their type without a length, so that a value too long still
 * reaches the engine whole and is refused (22001) rather than cut.
 */
public final class MergeParameters {
    private MergeParameters() {
    }

    /** Types a MERGE's parameters, in place, where their use says what they are; other statements pass. */
    public static void type(SqlNode statement, SqlValidatorCatalogReader reader, RelDataTypeFactory types) {
        if (!(statement instanceof SqlMerge) || !(((SqlMerge) statement).getTargetTable() instanceof SqlIdentifier)) {
            return;
        }
        SqlMerge merge = (SqlMerge) statement;
        SqlValidatorTable table = reader.getTable(
                ((SqlIdentifier) merge.getTargetTable()).names);
        if (table == null) {
            return; // the validator reports the unknown table
        }
        RelDataType row = table.getRowType();
        if (merge.getUpdateCall() != null) {
            typeSet(merge.getUpdateCall(), row, types);
        }
        SourceValues.type(merge, row, types);
    }

    /** {@code param} cast to the type of {@code column} of the MERGE's target, or as it is where that is unknown. */
    public static SqlNode castTo(SqlNode param, SqlMerge merge, String column, SqlValidatorCatalogReader reader,
                                 RelDataTypeFactory types) {
        if (!(merge.getTargetTable() instanceof SqlIdentifier)) {
            return param;
        }
        SqlValidatorTable table = reader.getTable(((SqlIdentifier) merge.getTargetTable()).names);
        RelDataTypeField field = table == null ? null : table.getRowType().getField(column, false, false);
        return field == null ? param : cast(param, field.getType(), types);
    }

    private static void typeSet(SqlUpdate update, RelDataType row, RelDataTypeFactory types) {
        SqlNodeList values = update.getSourceExpressionList();
        SqlNodeList columns = update.getTargetColumnList();
        for (int j = 0; j < values.size() && j < columns.size(); j++) {
            if (!(values.get(j) instanceof SqlDynamicParam) || !(columns.get(j) instanceof SqlIdentifier)) {
                continue;
            }
            RelDataTypeField field = row.getField(Util.last(((SqlIdentifier) columns.get(j)).names), false, false);
            if (field != null) {
                values.set(j, cast(values.get(j), field.getType(), types));
            }
        }
    }

    /** {@code CAST(param AS type)}, with text and binary types unbounded. */
    static SqlNode cast(SqlNode param, RelDataType type, RelDataTypeFactory types) {
        SqlDataTypeSpec spec = SqlTypeUtil.convertTypeToSpec(unbounded(types, type));
        return SqlStdOperatorTable.CAST.createCall(param.getParserPosition(), param, spec);
    }

    /** The type a parameter for a column of {@code type} is cast to: text and binary without their length. */
    static RelDataType unbounded(RelDataTypeFactory types, RelDataType type) {
        switch (type.getSqlTypeName()) {
            case CHAR: case VARCHAR: return types.createSqlType(SqlTypeName.VARCHAR);
            case BINARY: case VARBINARY: return types.createSqlType(SqlTypeName.VARBINARY);
            default: return types.createTypeWithNullability(type, false);
        }
    }
}
