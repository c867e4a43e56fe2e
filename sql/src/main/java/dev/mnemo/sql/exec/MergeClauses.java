package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.SqlMergeClauses;
import dev.mnemo.sql.parser.SqlMergeClauses.Action;
import dev.mnemo.sql.parser.SqlMergeClauses.Clause;
import dev.mnemo.sql.plan.MergeParameters;
import dev.mnemo.sql.plan.SetDefaults;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.RowIds;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
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

    /**
     * {@code MNEMO$DEFAULT('C')}, of column C's type: DEFAULT as one clause's value of C, where the CASE that chooses
     * by clause cannot hold a DEFAULT (Calcite knows it only as an INSERT's value). Validated and converted as a call
     * of that type; {@link SetDefaults#marked} puts the column's declared default in its place once the statement
     * is converted, as for any DEFAULT.
     */
    static SqlNode defaultOf(MnemoTable table, String column, RelDataTypeFactory types, SqlParserPos pos) {
        RelDataTypeField field = table.getRowType(types).getField(column, true, false);
        if (field == null) {
            return SqlStdOperatorTable.DEFAULT.createCall(pos); // an unknown column: the validator says so
        }
        RelDataType type = types.createTypeWithNullability(field.getType(), true);
        SqlOperator op = new SqlInternalOperator(SetDefaults.MARK, SqlKind.OTHER_FUNCTION, 0, true,
                ReturnTypes.explicit(type), null, OperandTypes.CHARACTER) {
            @Override
            public SqlSyntax getSyntax() {
                return SqlSyntax.FUNCTION;
            }
        };
        return op.createCall(pos, SqlLiteral.createCharString(field.getName(), pos));
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
            merge.setOperand(3, update(merge, table, matched, types));
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

    private static SqlUpdate update(SqlMerge merge, MnemoTable table, List<Clause> clauses,
                                    RelDataTypeFactory types) {
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
                SqlNode value = c.action() == Action.UPDATE ? setTo(c.update(), column.getKey(), unchanged)
                        : unchanged;
                chosen.add(value.getKind() == SqlKind.DEFAULT ? defaultOf(table, column.getKey(), types, pos) : value);
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
                return update.getSourceExpressionList().get(j);
            }
        }
        return unchanged;
    }

    /**
     * The insert of the clauses; {@code marked} for a MERGE that also updates or deletes (see {@link #WHEN}). Clauses
     * that insert different lists of columns insert the columns of all of them, each clause DEFAULT into those it
     * leaves out; a column given DEFAULT by some clauses and a value by others takes {@link #defaultOf} in theirs.
     */
    private static SqlInsert insert(SqlMerge merge, MnemoTable table, List<Clause> clauses, boolean marked,
                                    SqlValidatorCatalogReader reader, RelDataTypeFactory types) {
        SqlInsert first = clauses.get(0).insert();
        SqlParserPos pos = first.getParserPosition();
        SqlNodeList columns = first.getTargetColumnList();
        List<List<SqlNode>> rows = new ArrayList<>();
        for (Clause c : clauses) {
            rows.add(castParameters(merge, c.insert(), table, reader, types));
        }
        if (clauses.stream().anyMatch(c -> !sameColumns(columns, c.insert().getTargetColumnList()))) {
            return insertOfUnion(merge, table, clauses, rows, marked, types);
        }
        List<SqlNode> combined = new ArrayList<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            List<SqlNode> chosen = new ArrayList<>();
            for (List<SqlNode> row : rows) {
                if (i >= row.size()) {
                    throw refused("WHEN NOT MATCHED clauses that insert different numbers of values");
                }
                chosen.add(row.get(i));
            }
            String column = columns != null ? name(columns.get(i)) : columnAt(table, i);
            combined.add(choose(table, column, clauses, chosen, marked, types, pos));
        }
        return new SqlInsert(pos, SqlNodeList.EMPTY, merge.getTargetTable(),
                SqlStdOperatorTable.VALUES.createCall(pos, SqlStdOperatorTable.ROW.createCall(pos, combined)),
                columns);
    }

    /**
     * The insert of clauses whose lists of columns differ: into each column that some clause names, in the order
     * they are first named (a clause without a list names every column), each clause's value or DEFAULT.
     */
    private static SqlInsert insertOfUnion(SqlMerge merge, MnemoTable table, List<Clause> clauses,
                                           List<List<SqlNode>> rows, boolean marked, RelDataTypeFactory types) {
        SqlParserPos pos = clauses.get(0).insert().getParserPosition();
        Map<String, SqlIdentifier> columns = new LinkedHashMap<>();
        List<Map<String, SqlNode>> given = new ArrayList<>();
        for (int c = 0; c < clauses.size(); c++) {
            SqlNodeList named = clauses.get(c).insert().getTargetColumnList();
            List<SqlIdentifier> listed = new ArrayList<>();
            if (named == null) {
                RowIds.visibleColumns(table.schema()).forEach(d -> listed.add(new SqlIdentifier(d.name(), pos)));
            } else {
                named.forEach(n -> listed.add((SqlIdentifier) n));
            }
            List<SqlNode> values = rows.get(c);
            if (values.size() != listed.size()) {
                throw new SqlError("42000", "a WHEN NOT MATCHED clause of this MERGE inserts " + values.size()
                        + " values into " + listed.size() + " columns");
            }
            Map<String, SqlNode> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < listed.size(); i++) {
                String name = name(listed.get(i));
                if (byColumn.put(name, values.get(i)) != null) {
                    throw new SqlError("42000", "a WHEN NOT MATCHED clause of this MERGE inserts into column "
                            + name + " more than once");
                }
                columns.putIfAbsent(name, listed.get(i));
            }
            given.add(byColumn);
        }
        SqlNodeList list = new SqlNodeList(pos);
        List<SqlNode> combined = new ArrayList<>();
        for (Map.Entry<String, SqlIdentifier> column : columns.entrySet()) {
            List<SqlNode> chosen = new ArrayList<>();
            for (Map<String, SqlNode> byColumn : given) {
                SqlNode value = byColumn.get(column.getKey());
                chosen.add(value != null ? value : SqlStdOperatorTable.DEFAULT.createCall(pos));
            }
            list.add(column.getValue());
            combined.add(choose(table, column.getKey(), clauses, chosen, marked, types, pos));
        }
        return new SqlInsert(pos, SqlNodeList.EMPTY, merge.getTargetTable(),
                SqlStdOperatorTable.VALUES.createCall(pos, SqlStdOperatorTable.ROW.createCall(pos, combined)), list);
    }

    /**
     * The value of {@code column} that the clauses insert: DEFAULT if each of them inserts DEFAULT, otherwise the
     * value chosen by clause, where DEFAULT is {@link #defaultOf} the column.
     */
    private static SqlNode choose(MnemoTable table, String column, List<Clause> clauses, List<SqlNode> chosen,
                                  boolean marked, RelDataTypeFactory types, SqlParserPos pos) {
        if (chosen.stream().allMatch(v -> v.getKind() == SqlKind.DEFAULT)) {
            return chosen.get(0);
        }
        List<SqlNode> values = new ArrayList<>();
        for (SqlNode v : chosen) {
            // Past the table's columns: the validator reports the count.
            values.add(v.getKind() != SqlKind.DEFAULT || column == null ? v : defaultOf(table, column, types, pos));
        }
        return byClause(clauses, values, SqlLiteral.createNull(pos), marked, pos);
    }

    /** The name of the {@code i}-th column an INSERT without a list writes, or null past the last. */
    private static String columnAt(MnemoTable table, int i) {
        List<ColumnDef> visible = RowIds.visibleColumns(table.schema());
        return i < visible.size() ? visible.get(i).name() : null;
    }

    private static String name(SqlNode column) {
        return Util.last(((SqlIdentifier) column).names);
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
