package dev.mnemo.sql.exec;

import dev.mnemo.sql.plan.MnemoValues;
import dev.mnemo.sql.plan.Operand;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * Long IN lists of parameters, held as data from the start. Calcite converts an IN list of 20 items or more that
 * are not all literals into a UNION ALL of one projection per item, building and simplifying each one: most of the
 * time of preparing {@code id IN (?, ?, ...)} went there, and {@link dev.mnemo.sql.plan.ValuesAsData} then folded
 * the union back into data. After validation, such a list is replaced by a {@link Held} node, which
 * {@link MnemoConverter} turns straight into a {@link MnemoValues}; Calcite plans the IN over it as it plans an IN
 * over a subquery.
 */
final class HeldInLists {
    /** Calcite's threshold: shorter lists become ORs of equalities, which key access reads directly. */
    static final int ITEMS_MIN = 20;

    private static final SqlOperator HELD = new SqlSpecialOperator("MNEMO_HELD_IN_LIST", SqlKind.OTHER);

    private HeldInLists() {
    }

    /** An IN list's items as rows of operands, with their row type; a query node that has no operands to visit. */
    static final class Held extends SqlCall {
        final RelDataType rowType;
        final List<List<Operand>> rows;

        Held(SqlParserPos pos, RelDataType rowType, List<List<Operand>> rows) {
            super(pos);
            this.rowType = rowType;
            this.rows = rows;
        }

        @Override
        public SqlOperator getOperator() {
            return HELD;
        }

        @Override
        public List<SqlNode> getOperandList() {
            return List.of();
        }

        RelNode toRel(RelOptCluster cluster) {
            return MnemoValues.of(cluster, rowType, rows);
        }
    }

    /** Replaces, in place, every long IN list of parameters of a validated statement; how many it replaced. */
    static int apply(SqlNode node, SqlValidator validator) {
        if (node instanceof SqlNodeList) {
            int n = 0;
            for (SqlNode item : (SqlNodeList) node) {
                n += item == null ? 0 : apply(item, validator);
            }
            return n;
        }
        if (!(node instanceof SqlCall)) {
            return 0;
        }
        SqlCall call = (SqlCall) node;
        if ((call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN)
                && call.operand(1) instanceof SqlNodeList) {
            Held held = held((SqlNodeList) call.operand(1), validator);
            if (held != null) {
                call.setOperand(1, held);
                return 1 + apply(call.operand(0), validator);
            }
        }
        int n = 0;
        for (SqlNode operand : call.getOperandList()) {
            n += operand == null ? 0 : apply(operand, validator);
        }
        return n;
    }

    /**
     * The list held as data, when it is long and its items are all parameters; else null. (Rows of parameters,
     * {@code (a, b) IN ((?, ?), ...)}, are not held here: they go through Calcite's union of rows, which
     * {@link dev.mnemo.sql.plan.ValuesAsData} folds into data later.)
     */
    private static Held held(SqlNodeList list, SqlValidator validator) {
        if (list.size() < ITEMS_MIN) {
            return null;
        }
        List<List<Operand>> rows = new ArrayList<>(list.size());
        List<RelDataType> types = new ArrayList<>(list.size());
        for (SqlNode item : list) {
            if (!(item instanceof SqlDynamicParam)) {
                return null;
            }
            rows.add(List.of(Operand.parameter(((SqlDynamicParam) item).getIndex())));
            types.add(validator.getValidatedNodeType(item));
        }
        RelDataTypeFactory f = validator.getTypeFactory();
        RelDataType type = f.leastRestrictive(types);
        if (type == null) {
            return null;
        }
        RelDataType rowType = f.builder().add("EXPR$0", f.createTypeWithNullability(type, true)).build();
        return new Held(list.getParserPosition(), rowType, rows);
    }
}
