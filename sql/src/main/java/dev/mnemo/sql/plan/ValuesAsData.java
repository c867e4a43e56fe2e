package dev.mnemo.sql.plan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rows of constants and parameters that VALUES clauses and IN lists become into {@link MnemoValues},
 * which hold them as data. Calcite plans a VALUES of literals as one Values, and a VALUES with parameters (and
 * an IN list of 20 or more parameters) as a UNION ALL of one projection per row; both compile to code that
 * grows with the rows, and thousands of rows outgrow the JVM's limits on a method (and the planner takes
 * seconds per thousand inputs of a union). Runs on the logical plan, before the planner, and looks inside
 * subqueries, where long IN lists are until the planner makes joins of them. A cell that is the statement's time
 * cast to its field's type (what DEFAULT gives for a column whose default is the time of the write) is held too
 * ({@link StatementTime}). Rows whose cells are other expressions stay as Calcite planned them.
 */
public final class ValuesAsData {
    /** Fewer rows than this stay Calcite's Values, which the planner's rules know how to fold. */
    private static final int ROWS_MIN = 2;

    private ValuesAsData() {
    }

    /** The plan with every VALUES of at least two rows of constants and parameters held as data. */
    public static RelNode apply(RelNode plan) {
        RelNode r = rewrite(plan);
        if (r instanceof MnemoValues) {
            // A statement that is only a VALUES: Calcite's planner fails on a root already in the convention it is
            // asked to deliver ("already been registered"), so the root is a projection it will remove.
            RexBuilder rex = r.getCluster().getRexBuilder();
            return LogicalProject.create(r, List.of(), rex.identityProjects(r.getRowType()),
                    r.getRowType().getFieldNames());
        }
        return r;
    }

    private static RelNode rewrite(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode in : rel.getInputs()) {
            RelNode next = rewrite(in);
            changed |= next != in;
            inputs.add(next);
        }
        RelNode r = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        if (r instanceof LogicalValues) {
            r = approximateLiterals((LogicalValues) r);
        }
        r = r.accept(SUBQUERIES);
        RelNode data = asData(r);
        return data == null ? r : data;
    }

    /**
     * The Values with each exact literal in a DOUBLE (or FLOAT) column made a DOUBLE literal. Calcite types the
     * literals of a VALUES column that mixes exact numbers and NULLs, written to a DOUBLE column, as exact numbers
     * in a DOUBLE row, which its own code generation then refuses (an assertion, or a plan it cannot implement).
     */
    private static LogicalValues approximateLiterals(LogicalValues values) {
        List<RelDataTypeField> fields = values.getRowType().getFieldList();
        RexBuilder rex = values.getCluster().getRexBuilder();
        boolean changed = false;
        List<ImmutableList<RexLiteral>> tuples = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<RexLiteral> cells = new ArrayList<>(tuple);
            for (int i = 0; i < cells.size(); i++) {
                RexLiteral l = cells.get(i);
                RelDataType field = fields.get(i).getType();
                SqlTypeName t = field.getSqlTypeName();
                if (!l.isNull() && (t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT)
                        && SqlTypeUtil.isExactNumeric(l.getType())) {
                    cells.set(i, rex.makeApproxLiteral(l.getValueAs(BigDecimal.class), field));
                    changed = true;
                }
            }
            tuples.add(ImmutableList.copyOf(cells));
        }
        return changed ? LogicalValues.create(values.getCluster(), values.getRowType(), ImmutableList.copyOf(tuples))
                : values;
    }

    private static final RexShuttle SUBQUERIES = new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery s = (RexSubQuery) super.visitSubQuery(subQuery);
            RelNode rel = rewrite(s.rel);
            return rel == s.rel ? s : s.clone(rel);
        }
    };

    /** The rows of a Values, or of a UNION ALL of one-row projections of constants, as data; else null. */
    private static MnemoValues asData(RelNode rel) {
        List<List<Operand>> rows = new ArrayList<>();
        List<RelDataTypeField> fields = rel.getRowType().getFieldList();
        if (rel instanceof LogicalValues) {
            if (!addRows((LogicalValues) rel, fields, rows)) {
                return null;
            }
        } else if (rel instanceof LogicalUnion && ((LogicalUnion) rel).all) {
            for (RelNode in : rel.getInputs()) {
                if (!(in instanceof LogicalValues ? addRows((LogicalValues) in, fields, rows)
                        : in instanceof MnemoValues ? addRows((MnemoValues) in, fields, rows)
                        : addProjectedRow(in, fields, rows))) {
                    return null;
                }
            }
        } else {
            return null;
        }
        return rows.size() < ROWS_MIN ? null : MnemoValues.create(rel.getCluster(), rel.getRowType(), rows);
    }

    private static boolean addRows(LogicalValues values, List<RelDataTypeField> fields, List<List<Operand>> rows) {
        for (List<RexLiteral> tuple : values.getTuples()) {
            if (!addRow(tuple, fields, rows)) {
                return false;
            }
        }
        return true;
    }

    /** Rows already held as data (a union's run of literal rows, turned into data before the union). */
    private static boolean addRows(MnemoValues values, List<RelDataTypeField> fields, List<List<Operand>> rows) {
        List<RelDataTypeField> own = values.getRowType().getFieldList();
        if (own.size() != fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            RelDataType from = own.get(i).getType();
            RelDataType to = fields.get(i).getType();
            if (!sameValues(from, to) || from.isNullable() && !to.isNullable()) {
                return false;
            }
        }
        rows.addAll(values.rows());
        return true;
    }

    /** A projection of constants over one row (how Calcite writes a VALUES row that is not all literals). */
    private static boolean addProjectedRow(RelNode rel, List<RelDataTypeField> fields, List<List<Operand>> rows) {
        if (!(rel instanceof LogicalProject) || !(((LogicalProject) rel).getInput() instanceof LogicalValues)) {
            return false;
        }
        LogicalValues one = (LogicalValues) ((LogicalProject) rel).getInput();
        return one.getTuples().size() == 1 && addRow(((LogicalProject) rel).getProjects(), fields, rows);
    }

    private static boolean addRow(List<? extends RexNode> cells, List<RelDataTypeField> fields,
                                  List<List<Operand>> rows) {
        if (cells.size() != fields.size()) {
            return false;
        }
        List<Operand> row = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            Operand o = cell(cells.get(i), fields.get(i).getType());
            if (o == null) {
                return false;
            }
            row.add(o);
        }
        rows.add(row);
        return true;
    }

    /**
     * A cell as data, or null when it is an expression, or its value would need converting to the field's type
     * (Calcite converts when it compiles rows; data must already be in the field's internal form).
     */
    private static Operand cell(RexNode cell, RelDataType field) {
        StatementTime time = StatementTime.of(cell, field.getSqlTypeName(), Math.max(0, field.getPrecision()));
        if (time != null) {
            return Operand.time(time);
        }
        RexNode value = cell;
        while (value.getKind() == SqlKind.CAST) {
            RexNode inner = ((RexCall) value).getOperands().get(0);
            if (!isNull(inner) && !sameValues(inner.getType(), value.getType())) {
                return null;
            }
            value = inner;
        }
        if (isNull(value)) {
            return field.isNullable() ? Operand.constant(null) : null;
        }
        if (!sameValues(value.getType(), field)) {
            return null;
        }
        if (value instanceof RexDynamicParam) {
            return Operand.parameter(((RexDynamicParam) value).getIndex());
        }
        if (value instanceof RexLiteral) {
            Object v = internal((RexLiteral) value, field.getSqlTypeName());
            return v == null ? null : Operand.constant(v);
        }
        return null;
    }

    /** NULL, or DEFAULT of a column with no declared default (Calcite leaves that call in, and it is NULL). */
    private static boolean isNull(RexNode n) {
        return n instanceof RexLiteral && ((RexLiteral) n).isNull() || n.getKind() == SqlKind.DEFAULT;
    }

    /**
     * Whether every value of type {@code from} is, in Calcite's internal form, the same value of type {@code to}:
     * same kind, and nothing to cut, pad or round.
     */
    static boolean sameValues(RelDataType from, RelDataType to) {
        SqlTypeName f = from.getSqlTypeName();
        SqlTypeName t = to.getSqlTypeName();
        boolean unbounded = to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED;
        switch (t) {
            case VARCHAR:
                return (f == SqlTypeName.CHAR || f == SqlTypeName.VARCHAR)
                        && (unbounded || from.getPrecision() <= to.getPrecision());
            case VARBINARY:
                return (f == SqlTypeName.BINARY || f == SqlTypeName.VARBINARY)
                        && (unbounded || from.getPrecision() <= to.getPrecision());
            case DECIMAL:
                return f == t && from.getScale() == to.getScale() && from.getPrecision() <= to.getPrecision();
            case CHAR: case BINARY: case TIME: case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return f == t && from.getPrecision() == to.getPrecision();
            case BOOLEAN: case TINYINT: case SMALLINT: case INTEGER: case BIGINT: case REAL: case FLOAT:
            case DOUBLE: case DATE: case UUID:
                return f == t;
            default:
                return false;
        }
    }

    /** A literal in the internal form of its type (the field's, which {@link #sameValues} has checked). */
    private static Object internal(RexLiteral l, SqlTypeName type) {
        switch (type) {
            case BOOLEAN: return l.getValueAs(Boolean.class);
            case TINYINT: return l.getValueAs(Byte.class);
            case SMALLINT: return l.getValueAs(Short.class);
            case INTEGER: return l.getValueAs(Integer.class);
            case BIGINT: return l.getValueAs(Long.class);
            case DECIMAL: return l.getValueAs(BigDecimal.class);
            case REAL: return l.getValueAs(Float.class);
            case FLOAT: case DOUBLE: return l.getValueAs(Double.class);
            case CHAR: case VARCHAR: return l.getValueAs(String.class);
            case BINARY: case VARBINARY: return l.getValueAs(ByteString.class);
            case DATE: case TIME: return l.getValueAs(Integer.class);
            case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return l.getValueAs(Long.class);
            case UUID: return l.getValueAs(java.util.UUID.class);
            default: return null;
        }
    }
}
