package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.SqlMergeClauses;
import dev.mnemo.sql.parser.SqlMergeClauses.Action;
import dev.mnemo.sql.parser.SqlMergeClauses.Clause;
import dev.mnemo.sql.plan.MergeParameters;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.RowIds;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInternalOperator;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.util.Util;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A MERGE of several WHEN clauses ({@link SqlMergeClauses}) put as the one update and one insert of a Calcite MERGE,
 * before any other pass over the statement. Each value that the update sets is {@code CASE WHEN c1 THEN v1 WHEN c2
 * THEN v2 ... ELSE col END} over the WHEN MATCHED clauses in text order (a DELETE's value, and that of an UPDATE that
 * does not set the column, the column itself); each value that the insert writes is {@code CASE WHEN d1 THEN w1 ...
 * END} over the WHEN NOT MATCHED clauses. The conditions, so validated and converted with the values, are read back
 * from the first of them by {@code MnemoConverter}, which computes from them the action each row takes. A MERGE
 * that only inserts runs as an INSERT ({@link MergeInserts}), whose source rows are those that some clause takes.
 */
final class MergeClauses {
    /**
     * {@code MNEMO$WHEN(condition, i)}: the condition of the i-th clause of its kind, marked so that the converter
     * finds it and so that no condition is folded away meanwhile (a {@code WHEN TRUE} would end the CASE).
     */
    static final SqlOperator WHEN = mark("MNEMO$WHEN");
    /**
     * {@code MNEMO$THEN(value, i)}: the value the i-th clause chooses, marked so that no two branches of the CASE are
     * alike (a CASE whose branches all give one value is folded into it, and its conditions lost).
     */
    static final SqlOperator THEN = mark("MNEMO$THEN");

    private MergeClauses() {
    }

    private static SqlOperator mark(String name) {
        return new SqlInternalOperator(name, SqlKind.OTHER_FUNCTION, 0, true, ReturnTypes.ARG0, null,
                OperandTypes.ANY_ANY) {
            @Override
            public SqlSyntax getSyntax() {
                return SqlSyntax.FUNCTION;
            }
        };
    }

    /** Whether {@code op} is {@link #WHEN} or {@link #THEN}, which the converter takes out. */
    static boolean isMark(SqlOperator op) {
        return op == WHEN || op == THEN;
    }

    /** The MERGE with its clauses combined, in place; any other statement, itself. */
    static SqlNode combine(SqlNode statement, MnemoSchema schema, SqlValidatorCatalogReader reader,
                           RelDataTypeFactory types) {
        if (!(statement instanceof SqlMergeClauses)) {
            return statement;
        }
        SqlMergeClauses merge = (SqlMergeClauses) statement;
        MnemoTable table = IdentityWrites.targetTable(schema, merge.getTargetTable());
        List<Clause> matched = merge.clauses().stream().filter(Clause::matched).toList();
        List<Clause> unmatched = merge.clauses().stream().filter(c -> !c.matched()).toList();
        for (Clause c : merge.clauses()) {
            // Typed clause by clause, as a parameter in a CASE would not be by its column.
            MergeParameters.type(new SqlMerge(merge.getParserPosition(), merge.getTargetTable(),
                    merge.getCondition(), merge.getSourceTableRef(), c.update(), c.insert(), null, merge.getAlias()),
                    reader, types);
        }
        if (table == null) {
            // Unknown: the validator says so of the first clause of each kind.
            merge.setOperand(3, matched.stream().map(Clause::update).filter(Objects::nonNull).findFirst()
                    .orElse(null));
            merge.setOperand(4, unmatched.isEmpty() ? null : unmatched.get(0).insert());
            return merge;
        }
        if (!matched.isEmpty()) {
            merge.setOperand(3, update(merge, table, matched));
        }
        if (!unmatched.isEmpty()) {
            merge.setOperand(4, insert(merge, table, unmatched, !matched.isEmpty(), reader, types));
        }
        return merge;
    }

    /**
     * The condition under which some WHEN NOT MATCHED clause of {@code merge} takes a row, or null if one always
     * does: what an insert-only MERGE's source rows must meet.
     */
    static SqlNode anyInsertTaken(SqlMerge merge) {
        if (!(merge instanceof SqlMergeClauses)) {
            return null;
        }
        SqlNode any = null;
        for (Clause c : ((SqlMergeClauses) merge).clauses()) {
            if (c.condition() == null) {
                return null;
            }
            SqlNode condition = copy(c.condition());
            any = any == null ? condition
                    : SqlStdOperatorTable.OR.createCall(condition.getParserPosition(), any, condition);
        }
        return any;
    }

    private static SqlUpdate update(SqlMerge merge, MnemoTable table, List<Clause> clauses) {
        SqlParserPos pos = merge.getParserPosition();
        Map<String, SqlIdentifier> columns = new LinkedHashMap<>();
        for (Clause c : clauses) {
            if (c.action() == Action.UPDATE) {
                for (SqlNode column : c.update().getTargetColumnList()) {
                    columns.putIfAbsent(Util.last(((SqlIdentifier) column).names), (SqlIdentifier) column);
                }
            }
        }
        if (columns.isEmpty()) {
            // Only DELETE: a column set to itself carries the conditions.
            String carrier = carrier(table);
            columns.put(carrier, new SqlIdentifier(carrier, pos));
        }
        SqlNodeList targets = new SqlNodeList(pos);
        SqlNodeList values = new SqlNodeList(pos);
        for (Map.Entry<String, SqlIdentifier> column : columns.entrySet()) {
            SqlNode unchanged = targetColumn(merge, column.getKey(), pos);
            List<SqlNode> chosen = new ArrayList<>();
            for (Clause c : clauses) {
                chosen.add(c.action() == Action.UPDATE ? setTo(c.update(), column.getKey(), unchanged) : unchanged);
            }
            targets.add(column.getValue());
            values.add(byClause(clauses, chosen, copy(unchanged), true, pos));
        }
        SqlUpdate first = clauses.stream().map(Clause::update).filter(Objects::nonNull).findFirst().orElse(null);
        return new SqlUpdate(first == null ? pos : first.getParserPosition(), merge.getTargetTable(), targets,
                values, null, null, merge.getAlias());
    }

    /** The value that {@code update} sets {@code column} to, or {@code unchanged} if it does not set it. */
    private static SqlNode setTo(SqlUpdate update, String column, SqlNode unchanged) {
        SqlNodeList columns = update.getTargetColumnList();
        for (int j = 0; j < columns.size(); j++) {
            if (Util.last(((SqlIdentifier) columns.get(j)).names).equals(column)) {
                SqlNode value = update.getSourceExpressionList().get(j);
                if (value.getKind() == SqlKind.DEFAULT) {
                    throw refused("SET " + column + " = DEFAULT");
                }
                return value;
            }
        }
        return unchanged;
    }

    /** The insert of the clauses; {@code marked} for a MERGE that also updates or deletes (see {@link #WHEN}). */
    private static SqlInsert insert(SqlMerge merge, MnemoTable table, List<Clause> clauses, boolean marked,
                                    SqlValidatorCatalogReader reader, RelDataTypeFactory types) {
        SqlInsert first = clauses.get(0).insert();
        SqlNodeList columns = first.getTargetColumnList();
        List<List<SqlNode>> rows = new ArrayList<>();
        for (Clause c : clauses) {
            if (!sameColumns(columns, c.insert().getTargetColumnList())) {
                throw refused("WHEN NOT MATCHED clauses that insert different lists of columns");
            }
            rows.add(castParameters(merge, c.insert(), table, reader, types));
        }
        SqlParserPos pos = first.getParserPosition();
        List<SqlNode> combined = new ArrayList<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            List<SqlNode> chosen = new ArrayList<>();
            int defaults = 0;
            for (List<SqlNode> row : rows) {
                if (i >= row.size()) {
                    throw refused("WHEN NOT MATCHED clauses that insert different numbers of values");
                }
                chosen.add(row.get(i));
                defaults += row.get(i).getKind() == SqlKind.DEFAULT ? 1 : 0;
            }
            if (defaults > 0 && defaults < rows.size()) {
                throw refused("DEFAULT in some WHEN NOT MATCHED clauses and a value in others for one column");
            }
            combined.add(defaults > 0 ? chosen.get(0)
                    : byClause(clauses, chosen, SqlLiteral.createNull(pos), marked, pos));
        }
        SqlNode row = SqlStdOperatorTable.ROW.createCall(pos, combined);
        return new SqlInsert(pos, SqlNodeList.EMPTY, merge.getTargetTable(),
                SqlStdOperatorTable.VALUES.createCall(pos, row), columns);
    }

    /**
     * {@code CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... ELSE otherwise END} over the clauses' conditions, each
     * {@code marked} with {@link #WHEN} or not.
     */
    private static SqlNode byClause(List<Clause> clauses, List<SqlNode> values, SqlNode otherwise, boolean marked,
                                    SqlParserPos pos) {
        SqlNodeList when = new SqlNodeList(pos);
        SqlNodeList then = new SqlNodeList(pos);
        for (int i = 0; i < clauses.size(); i++) {
            SqlNode condition = clauses.get(i).condition();
            condition = condition == null ? SqlLiteral.createBoolean(true, pos) : copy(condition);
            SqlNode index = SqlLiteral.createExactNumeric(String.valueOf(i), pos);
            when.add(marked ? WHEN.createCall(pos, condition, index) : condition);
            then.add(marked ? THEN.createCall(pos, copy(values.get(i)), index) : copy(values.get(i)));
        }
        return new SqlCase(pos, null, when, then, otherwise);
    }

    /** The values of an insert's row, each parameter cast to the type of the column it is written to. */
    private static List<SqlNode> castParameters(SqlMerge merge, SqlInsert insert, MnemoTable table,
                                                SqlValidatorCatalogReader reader, RelDataTypeFactory types) {
        SqlNode row = ((SqlCall) insert.getSource()).operand(0);
        List<SqlNode> values = row.getKind() == SqlKind.ROW ? ((SqlCall) row).getOperandList() : List.of(row);
        List<ColumnDef> visible = RowIds.visibleColumns(table.schema());
        SqlNodeList columns = insert.getTargetColumnList();
        List<SqlNode> typed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String column = columns != null && i < columns.size() ? Util.last(((SqlIdentifier) columns.get(i)).names)
                    : columns == null && i < visible.size() ? visible.get(i).name() : null;
            typed.add(values.get(i).getKind() == SqlKind.DYNAMIC_PARAM && column != null
                    ? MergeParameters.castTo(values.get(i), merge, column, reader, types) : values.get(i));
        }
        return typed;
    }

    private static boolean sameColumns(SqlNodeList a, SqlNodeList b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Util.last(((SqlIdentifier) a.get(i)).names).equals(Util.last(((SqlIdentifier) b.get(i)).names))) {
                return false;
            }
        }
        return true;
    }

    /** A column of the target, qualified by its alias or name: the source may have a column of that name too. */
    private static SqlNode targetColumn(SqlMerge merge, String column, SqlParserPos pos) {
        SqlNode target = merge.getTargetTable();
        if (target instanceof SqlCall && ((SqlCall) target).operandCount() > 0) {
            target = ((SqlCall) target).operand(0); // a table with hints or extended columns
        }
        String qualifier = merge.getAlias() != null ? merge.getAlias().getSimple()
                : Util.last(((SqlIdentifier) target).names);
        return new SqlIdentifier(List.of(qualifier, column), pos);
    }

    /** The first column, neither a hidden row id nor an identity, that a MERGE which only deletes may set. */
    private static String carrier(MnemoTable table) {
        for (ColumnDef c : RowIds.visibleColumns(table.schema())) {
            if (table.schema().position(c.name()) != table.identityPosition()) {
                return c.name();
            }
        }
        throw refused("WHEN MATCHED THEN DELETE alone on a table whose only column is its identity");
    }

    /** A deep copy of {@code node}: each use of a condition or value is validated in place, apart from the others. */
    static SqlNode copy(SqlNode node) {
        return node == null ? null : node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                List<SqlNode> operands = new ArrayList<>();
                for (SqlNode o : call.getOperandList()) {
                    operands.add(o == null ? null : o.accept(this));
                }
                return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
                        operands.toArray(new SqlNode[0]));
            }

            @Override
            public SqlNode visit(SqlNodeList list) {
                SqlNodeList out = new SqlNodeList(list.getParserPosition());
                for (SqlNode n : list) {
                    out.add(n == null ? null : n.accept(this));
                }
                return out;
            }

            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.clone(id.getParserPosition());
            }
        });
    }

    private static SqlError refused(String what) {
        return new SqlError("0A000", "MERGE with " + what + " is not supported");
    }
}
