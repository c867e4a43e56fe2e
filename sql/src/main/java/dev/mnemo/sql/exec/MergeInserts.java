package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.RowIds;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.ArrayList;
import java.util.List;

import static org.apache.calcite.util.Static.RESOURCE;

/**
 * A MERGE with only {@code WHEN NOT MATCHED THEN INSERT}, rewritten before validation into the INSERT it means:
 * {@code INSERT INTO t (cols) SELECT values FROM source WHERE NOT EXISTS (SELECT 1 FROM t AS alias WHERE on)}.
 * Calcite converts such a MERGE into a plan that hands on every source row, matched or not, with nothing to tell
 * them apart; as an INSERT ... SELECT it inserts only the unmatched rows, counts them, draws sequences and fills
 * defaults and identities as an INSERT does, and reads the target as a query would in the caller's transaction.
 * A value given as DEFAULT leaves its column out of the list, which a SELECT cannot say and which means the same.
 * Applied last of the passes over the parsed MERGE (after {@link RowIdWrites}, {@link IdentityWrites} and the typing
 * of its parameters), which all know a MERGE's insert. In the INSERT, {@code on} is in a scope of the target alone,
 * nested in the source's, where an unqualified column of both would quietly mean the target's; in the MERGE it is
 * ambiguous, and {@link #refuseAmbiguous} says so once the INSERT is validated.
 */
final class MergeInserts {
    private MergeInserts() {
    }

    /** The INSERT that an insert-only MERGE means; any other statement, itself. */
    static SqlNode rewrite(SqlNode statement, MnemoSchema schema) {
        if (!(statement instanceof SqlMerge)) {
            return statement;
        }
        SqlMerge merge = (SqlMerge) statement;
        SqlInsert insert = merge.getInsertCall();
        if (merge.getUpdateCall() != null || insert == null || insert.getSource().getKind() != SqlKind.VALUES) {
            return statement;
        }
        SqlNode row = ((SqlCall) insert.getSource()).operand(0);
        List<SqlNode> values = row.getKind() == SqlKind.ROW ? ((SqlCall) row).getOperandList() : List.of(row);
        SqlNodeList columns = insert.getTargetColumnList();
        if (columns == null && values.stream().anyMatch(v -> v.getKind() == SqlKind.DEFAULT)) {
            columns = allColumns(schema, merge.getTargetTable(), insert.getParserPosition());
        }
        SqlParserPos pos = merge.getParserPosition();
        SqlNodeList selected = new SqlNodeList(pos);
        SqlNodeList written = columns == null ? null : new SqlNodeList(columns.getParserPosition());
        for (int i = 0; i < values.size(); i++) {
            boolean defaulted = values.get(i).getKind() == SqlKind.DEFAULT;
            if (!defaulted) {
                selected.add(values.get(i));
            }
            if (written != null && i < columns.size() && !defaulted) {
                written.add(columns.get(i));
            }
        }
        if (selected.isEmpty()) {
            return statement; // nothing but DEFAULT: no SELECT can say it, and MnemoRuntime refuses the MERGE
        }
        SqlNode matched = new SqlSelect(pos, null, SqlNodeList.of(SqlLiteral.createExactNumeric("1", pos)),
                targetRef(merge, pos), merge.getCondition(), null, null, null, null, null, null, null, null);
        SqlNode unmatched = SqlStdOperatorTable.NOT.createCall(pos, SqlStdOperatorTable.EXISTS.createCall(pos,
                matched));
        SqlNode taken = MergeClauses.anyInsertTaken(merge);
        if (taken != null) {
            unmatched = SqlStdOperatorTable.AND.createCall(pos, unmatched, taken);
        }
        SqlNode select = new SqlSelect(pos, null, selected, merge.getSourceTableRef(), unmatched, null, null, null,
                null, null, null, null, null);
        return new SqlInsert(pos, SqlNodeList.EMPTY, merge.getTargetTable().clone(pos), select, written);
    }

    /**
     * The unqualified column names in the ON condition of {@code statement}, a MERGE that {@link #rewrite} rewrote,
     * outside its subqueries (which have scopes of their own); copied, as validation may rewrite them in place.
     */
    static List<SqlIdentifier> unqualifiedOnColumns(SqlNode statement) {
        List<SqlIdentifier> columns = new ArrayList<>();
        ((SqlMerge) statement).getCondition().accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                return call instanceof SqlSelect ? null : super.visit(call);
            }

            @Override
            public Void visit(SqlIdentifier id) {
                if (id.isSimple()) {
                    columns.add(new SqlIdentifier(id.getSimple(), id.getParserPosition()));
                }
                return null;
            }
        });
        return columns;
    }

    /**
     * Refuses an unqualified ON column ({@link #unqualifiedOnColumns}) that both the target and the source of the
     * validated INSERT have, as any ambiguous column is refused (42000): in the MERGE it named either.
     */
    static void refuseAmbiguous(List<SqlIdentifier> columns, SqlNode validated, SqlValidator validator) {
        if (columns.isEmpty()) {
            return;
        }
        SqlSelect source = (SqlSelect) ((SqlInsert) validated).getSource();
        SqlSelect target = firstQuery(source.getWhere());
        SqlNameMatcher names = validator.getCatalogReader().nameMatcher();
        RelDataType sourceRow = validator.getNamespace(source.getFrom()).getRowType();
        RelDataType targetRow = validator.getNamespace(target.getFrom()).getRowType();
        for (SqlIdentifier c : columns) {
            if (names.field(sourceRow, c.getSimple()) != null && names.field(targetRow, c.getSimple()) != null) {
                throw SqlUtil.newContextException(c.getParserPosition(), RESOURCE.columnAmbiguous(c.getSimple()));
            }
        }
    }

    /** The first query in {@code node}: the target's, in the NOT EXISTS that {@link #rewrite} wrote. */
    private static SqlSelect firstQuery(SqlNode node) {
        SqlSelect[] found = {null};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect && found[0] == null) {
                    found[0] = (SqlSelect) call;
                }
                return found[0] == null ? super.visit(call) : null;
            }
        });
        if (found[0] == null) {
            throw new IllegalStateException("the INSERT a MERGE was rewritten into lost its NOT EXISTS query");
        }
        return found[0];
    }

    /** The target as the ON condition knows it: under its alias if the MERGE gives one, else under its name. */
    private static SqlNode targetRef(SqlMerge merge, SqlParserPos pos) {
        SqlNode table = merge.getTargetTable().clone(pos);
        SqlIdentifier alias = merge.getAlias();
        return alias == null ? table : SqlStdOperatorTable.AS.createCall(pos, table, alias);
    }

    /** The columns an INSERT without a list writes, in order; left to the validator when the table is unknown. */
    private static SqlNodeList allColumns(MnemoSchema schema, SqlNode target, SqlParserPos pos) {
        MnemoTable table = IdentityWrites.targetTable(schema, target);
        if (table == null) {
            return null;
        }
        SqlNodeList columns = new SqlNodeList(pos);
        for (ColumnDef c : RowIds.visibleColumns(table.schema())) {
            columns.add(new SqlIdentifier(c.name(), pos));
        }
        return columns;
    }
}
