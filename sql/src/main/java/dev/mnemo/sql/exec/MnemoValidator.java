package dev.mnemo.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calcite's validator, with two changes. It types the parameters of an IN list of rows as it types those of an IN
 * list of values.
 * In {@code (a, b) IN ((?, ?), (?, ?))} Calcite gives the list the type of the row {@code (a, b)} and then reads
 * the list as that row's fields: the i-th item gets the i-th column's type. Rows of parameters thus came out
 * typed wrong when there were as many rows as columns ({@code (a, c) IN ((?, ?), (?, ?))} typed both parameters of
 * the second row as {@code c}), and untyped otherwise, which failed. Here each row of such a list gets the row's
 * type, so each parameter takes the type of the column it is compared with. And it lists the parameters' types in
 * the order of their positions in the text, as JDBC numbers them: Calcite lists them in the order it visits the
 * statement, which in a MERGE puts a parameter of the ON condition before those of the source before it.
 */
final class MnemoValidator extends SqlValidatorImpl {
    /** The lists of rows on the right of IN and NOT IN met so far, by identity. */
    private final Set<SqlNode> rowLists = Collections.newSetFromMap(new IdentityHashMap<>());

    MnemoValidator(SqlOperatorTable operators, SqlValidatorCatalogReader reader, RelDataTypeFactory types,
                   Config config) {
        super(operators, reader, types, config);
    }

    @Override
    protected void inferUnknownTypes(RelDataType inferred, SqlValidatorScope scope, SqlNode node) {
        if (inferred.isStruct() && rowLists.contains(node)) {
            for (SqlNode row : (SqlNodeList) node) {
                super.inferUnknownTypes(inferred, scope, row);
            }
            return;
        }
        if (node instanceof SqlCall && (node.getKind() == SqlKind.IN || node.getKind() == SqlKind.NOT_IN)) {
            SqlCall in = (SqlCall) node;
            if (in.operand(0).getKind() == SqlKind.ROW && isListOfRows(in.operand(1),
                    ((SqlCall) in.operand(0)).operandCount())) {
                rowLists.add(in.operand(1));
            }
        }
        super.inferUnknownTypes(inferred, scope, node);
    }

    @Override
    public RelDataType getParameterRowType(SqlNode statement) {
        Map<Integer, RelDataType> types = new TreeMap<>();
        statement.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                types.computeIfAbsent(param.getIndex(), i -> getValidatedNodeType(param));
                return param;
            }
        });
        RelDataTypeFactory.Builder row = getTypeFactory().builder();
        types.forEach((index, type) -> row.add("?" + index, type));
        return row.build();
    }

    /** Whether {@code node} is a list of rows of {@code width} items each. */
    private static boolean isListOfRows(SqlNode node, int width) {
        if (!(node instanceof SqlNodeList)) {
            return false;
        }
        for (SqlNode row : (SqlNodeList) node) {
            if (row == null || row.getKind() != SqlKind.ROW || ((SqlCall) row).operandCount() != width) {
                return false;
            }
        }
        return true;
    }
}
