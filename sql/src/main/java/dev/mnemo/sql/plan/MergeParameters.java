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
 * {@code MERGE ... WHEN MATCHED THEN UPDATE SET c = ?}: Calcite's validator infers the type of a parameter set to a
 * column in an UPDATE, and of one in an INSERT's VALUES, but not of one in a MERGE's SET, which it refuses as an
 * illegal use of a dynamic parameter. Before validation each such parameter becomes {@code CAST(? AS type)}, with
 * the target column's type, so that it is typed as an UPDATE's would be. Text and binary columns are cast to their
 * type without a length, so that a value too long still reaches the engine whole and is refused (22001) rather
 * than cut.
 */
public final class MergeParameters {
    private MergeParameters() {
    }

    /** Types the parameters that a MERGE's WHEN MATCHED clause sets columns to, in place; other statements pass. */
    public static void type(SqlNode statement, SqlValidatorCatalogReader reader, RelDataTypeFactory types) {
        if (!(statement instanceof SqlMerge) || ((SqlMerge) statement).getUpdateCall() == null
                || !(((SqlMerge) statement).getTargetTable() instanceof SqlIdentifier)) {
            return;
        }
        SqlMerge merge = (SqlMerge) statement;
        SqlValidatorTable table = reader.getTable(
                ((SqlIdentifier) merge.getTargetTable()).names);
        if (table == null) {
            return; // the validator reports the unknown table
        }
        RelDataType row = table.getRowType();
        SqlUpdate update = merge.getUpdateCall();
        SqlNodeList values = update.getSourceExpressionList();
        SqlNodeList columns = update.getTargetColumnList();
        for (int j = 0; j < values.size() && j < columns.size(); j++) {
            if (!(values.get(j) instanceof SqlDynamicParam) || !(columns.get(j) instanceof SqlIdentifier)) {
                continue;
            }
            RelDataTypeField field = row.getField(Util.last(((SqlIdentifier) columns.get(j)).names), false, false);
            if (field != null) {
                SqlNode param = values.get(j);
                SqlDataTypeSpec spec = SqlTypeUtil.convertTypeToSpec(unbounded(types, field.getType()));
                values.set(j, SqlStdOperatorTable.CAST.createCall(param.getParserPosition(), param, spec));
            }
        }
    }

    /** The type a parameter for a column of {@code type} is cast to: text and binary without their length. */
    private static RelDataType unbounded(RelDataTypeFactory types, RelDataType type) {
        switch (type.getSqlTypeName()) {
            case CHAR: case VARCHAR: return types.createSqlType(SqlTypeName.VARCHAR);
            case BINARY: case VARBINARY: return types.createSqlType(SqlTypeName.VARBINARY);
            default: return types.createTypeWithNullability(type, false);
        }
    }
}
