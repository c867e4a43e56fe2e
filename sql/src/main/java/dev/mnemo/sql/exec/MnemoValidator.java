package dev.mnemo.sql.exec;

import dev.mnemo.sql.plan.DatetimeLiterals;
import dev.mnemo.sql.plan.InstantLiterals;
import dev.mnemo.sql.plan.UuidCasts;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.RowIds;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.AliasNamespace;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calcite's validator, with these changes. It types the parameters of an IN list of rows as it types those of an IN
 * list of values.
 * In {@code (a, b) IN ((?, ?), (?, ?))} Calcite gives the list the type of the row {@code (a, b)} and then reads
 * the list as that row's fields: the i-th item gets the i-th column's type. Rows of parameters thus came out
 * typed wrong when there were as many rows as columns ({@code (a, c) IN ((?, ?), (?, ?))} typed both parameters of
 * the second row as {@code c}), and untyped otherwise, which failed. Here each row of such a list gets the row's
 * type, so each parameter takes the type of the column it is compared with. And it lists the parameters' types in
 * the order of their positions in the text, as JDBC numbers them: Calcite lists them in the order it visits the
 * statement, which in a MERGE puts a parameter of the ON condition before those of the source before it. It also
 * keeps the hidden row id of tables without a primary key out of {@code SELECT *}, NATURAL joins and the column
 * lists of table aliases. A {@code UUID '...'} literal reads only the canonical form, as a cast of text to UUID
 * does; a TIME or TIMESTAMP literal cast to fewer digits rounds once, to them.
 */
final class MnemoValidator extends SqlValidatorImpl {
    /** The lists of rows on the right of IN and NOT IN met so far, by identity. */
    private final Set<SqlNode> rowLists = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The hidden row ids that a {@code *} gave, to be taken out of its select list. */
    private final Set<SqlNode> hiddenItems = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The selects whose {@code *} keeps hidden row ids: those Calcite makes of an UPDATE, DELETE or MERGE. */
    private final Set<SqlNode> wholeRows = Collections.newSetFromMap(new IdentityHashMap<>());

    MnemoValidator(SqlOperatorTable operators, SqlValidatorCatalogReader reader, RelDataTypeFactory types,
                   Config config) {
        super(operators, reader, types, config);
    }

    /**
     * The literal, a {@code UUID '...'} one read as a cast of its text to UUID reads it, in the canonical form only
     * (22018 otherwise): Calcite's own reading took whatever {@code UUID.fromString} does ({@code '1-2-3-4-5'}).
     */
    static SqlLiteral strictUuid(SqlLiteral literal) {
        if (literal instanceof SqlUnknownLiteral unknown && "UUID".equalsIgnoreCase(unknown.tag)) {
            return SqlLiteral.createUuid(UuidCasts.parse(unknown.getValue()), literal.getParserPosition());
        }
        return literal;
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
        if (isTryCastOfParameterToRead(node)) {
            // What a TRY_CAST reads is text, so that a text no value of the type is NULL, not a failure of the
            // parameter; a number or a BOOLEAN set is then that value's text, read as a CAST of it reads it.
            RelDataType text = getTypeFactory().createSqlType(SqlTypeName.VARCHAR);
            super.inferUnknownTypes(getTypeFactory().createTypeWithNullability(text, true), scope,
                    ((SqlCall) node).operand(0));
            return;
        }
        super.inferUnknownTypes(inferred, scope, node);
    }

    /**
     * Whether {@code node} is {@code TRY_CAST(? AS t)} of a type t that reads a text: a number, a BOOLEAN, or a DATE,
     * TIME or TIMESTAMP (WITH TIME ZONE or not), named as such or by another database's name for it ({@code INT8}).
     */
    private static boolean isTryCastOfParameterToRead(SqlNode node) {
        if (node.getKind() != SqlKind.SAFE_CAST || ((SqlCall) node).operandCount() != 2
                || !(((SqlCall) node).operand(0) instanceof SqlDynamicParam)
                || !(((SqlCall) node).operand(1) instanceof SqlDataTypeSpec)) {
            return false;
        }
        String name = ((SqlDataTypeSpec) ((SqlCall) node).operand(1)).getTypeName().getSimple();
        SqlTypeName to = SqlTypeName.get(name) != null ? SqlTypeName.get(name) : SqlTypes.aliasOf(name);
        return to != null && (SqlTypeName.NUMERIC_TYPES.contains(to) || to == SqlTypeName.BOOLEAN
                || to == SqlTypeName.DATE || to == SqlTypeName.TIME || to == SqlTypeName.TIMESTAMP
                || to == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || to == SqlTypeName.TIMESTAMP_TZ);
    }

    /**
     * A literal naming an instant is one of the type Mnemo computes instants in ({@link InstantLiterals}); a TIME or
     * TIMESTAMP with digits finer than milliseconds is rounded to them ({@link DatetimeLiterals}); a UUID literal is
     * read strictly ({@link #strictUuid}).
     */
    @Override
    public SqlLiteral resolveLiteral(SqlLiteral literal) {
        SqlLiteral instant = literal instanceof SqlUnknownLiteral
                ? InstantLiterals.resolve((SqlUnknownLiteral) literal) : null;
        return instant != null ? instant : DatetimeLiterals.rounded(super.resolveLiteral(strictUuid(literal)));
    }

    /**
     * A TIME or TIMESTAMP literal cast to fewer digits is rounded once, to them
     * ({@link DatetimeLiterals#resolvedFor}): resolved alone it would be rounded to milliseconds first, and
     * {@code CAST(TIMESTAMP '... 00.4996' AS TIMESTAMP(0))} give {@code 00:00:01}. Done here, where the literals of a
     * statement and of a view's query are still unresolved.
     */
    @Override
    protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
        if (node instanceof SqlCall && (node.getKind() == SqlKind.CAST || node.getKind() == SqlKind.SAFE_CAST)) {
            SqlCall cast = (SqlCall) node;
            if (cast.operandCount() == 2 && cast.operand(0) instanceof SqlUnknownLiteral
                    && cast.operand(1) instanceof SqlDataTypeSpec) {
                SqlLiteral once = DatetimeLiterals.resolvedFor((SqlUnknownLiteral) cast.operand(0),
                        (SqlDataTypeSpec) cast.operand(1));
                if (once != null) {
                    cast.setOperand(0, once);
                }
            }
        }
        return super.performUnconditionalRewrites(node, underFrom);
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

    /**
     * {@code SELECT *} leaves out the hidden row id of tables without a primary key ({@link RowIds}), save in the
     * selects that Calcite makes of an UPDATE, DELETE or MERGE, whose rows are the target's whole rows. The star is
     * expanded whole first (a join USING columns reorders its fields by position), and the row ids it gave are
     * taken out of the select list and its row type after.
     */
    @Override
    protected void addToSelectList(List<SqlNode> list, Set<String> aliases,
                                   List<Map.Entry<String, RelDataType>> fieldList, SqlNode exp, SelectScope scope,
                                   boolean includeSystemVars) {
        if (isHiddenRowId(exp, scope) && !wholeRows.contains(scope.getNode())) {
            hiddenItems.add(exp);
        }
        super.addToSelectList(list, aliases, fieldList, exp, scope, includeSystemVars);
    }

    /**
     * Whether a column a star gave is the hidden row id of a table without a primary key: a column of a derived
     * table or view that the query named {@code MNEMO$ROWID} is one the user asked for, and shows.
     */
    private boolean isHiddenRowId(SqlNode exp, SelectScope scope) {
        if (!(exp instanceof SqlIdentifier) || !RowIds.isRowId(SqlValidatorUtil.alias(exp))) {
            return false;
        }
        SqlQualified column = scope.fullyQualify((SqlIdentifier) exp);
        return column.namespace != null && hidesRowId(column.namespace);
    }

    /**
     * Whether a namespace's column {@code MNEMO$ROWID} is hidden: it is a table without a primary key ({@link RowIds}),
     * under its name or an alias.
     */
    boolean hidesRowId(SqlValidatorNamespace namespace) {
        SqlValidatorNamespace ns = namespace.resolve();
        if (ns instanceof RowIdAliasNamespace) {
            return hidesRowId(((RowIdAliasNamespace) ns).aliased());
        }
        SqlValidatorTable table = ns.getTable();
        MnemoTable mnemo = table == null ? null : table.unwrap(MnemoTable.class);
        return mnemo != null && RowIds.isKeyless(mnemo.schema());
    }

    /** Table aliases with a column list go through {@link RowIdAliasNamespace}, which leaves the row id out of it. */
    @Override
    protected void registerNamespace(SqlValidatorScope usingScope, String alias, SqlValidatorNamespace ns,
                                     boolean forceNullable) {
        SqlValidatorNamespace registered = ns;
        if (ns.getClass() == AliasNamespace.class) {
            registered = new RowIdAliasNamespace(this, (SqlCall) ns.getNode(), ns.getEnclosingNode());
        }
        super.registerNamespace(usingScope, alias, registered, forceNullable);
    }

    @Override
    protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
        RelDataType rowType = super.validateSelectList(selectItems, select, targetRowType);
        SqlNodeList expanded = select.getSelectList();
        if (hiddenItems.isEmpty() || expanded.size() != rowType.getFieldCount()) {
            return rowType;
        }
        List<SqlNode> shown = new ArrayList<>();
        RelDataTypeFactory.Builder type = getTypeFactory().builder();
        for (int i = 0; i < expanded.size(); i++) {
            if (!hidden(expanded.get(i))) {
                shown.add(expanded.get(i));
                type.add(rowType.getFieldList().get(i));
            }
        }
        if (shown.size() == expanded.size()) {
            return rowType;
        }
        select.setSelectList(new SqlNodeList(shown, expanded.getParserPosition()));
        getRawSelectScope(select).setExpandedSelectList(shown);
        return type.build();
    }

    /** Whether a select item is a row id that a star gave, under the alias that made its name unique or not. */
    private boolean hidden(SqlNode item) {
        return hiddenItems.contains(item)
                || item.getKind() == SqlKind.AS && hiddenItems.contains(((SqlCall) item).operand(0));
    }

    /**
     * A NATURAL join compares the columns both sides show: where either side's row id is hidden, it becomes a join
     * USING the other common columns (a CROSS join when there are none), so that rows never match by their row ids.
     */
    @Override
    protected void validateJoin(SqlJoin join, SqlValidatorScope scope) {
        SqlValidatorNamespace left = getNamespace(join.getLeft());
        SqlValidatorNamespace right = getNamespace(join.getRight());
        if (join.isNatural() && left != null && right != null) {
            validateNamespace(left, unknownType);
            validateNamespace(right, unknownType);
            naturalWithoutRowIds(join, left, right);
        }
        super.validateJoin(join, scope);
    }

    private void naturalWithoutRowIds(SqlJoin join, SqlValidatorNamespace left, SqlValidatorNamespace right) {
        List<String> common = SqlValidatorUtil.deriveNaturalJoinColumnList(getCatalogReader().nameMatcher(),
                left.getRowType(), right.getRowType());
        if (!common.contains(RowIds.COLUMN) || !hidesRowId(left) && !hidesRowId(right)) {
            return;
        }
        SqlParserPos pos = join.getParserPosition();
        List<SqlNode> using = new ArrayList<>();
        for (String name : common) {
            if (!RowIds.isRowId(name)) {
                using.add(new SqlIdentifier(name, pos));
            }
        }
        join.setOperand(1, SqlLiteral.createBoolean(false, pos));
        if (using.isEmpty()) {
            join.setOperand(4, JoinConditionType.ON.symbol(pos));
            join.setOperand(5, SqlLiteral.createBoolean(true, pos));
        } else {
            join.setOperand(4, JoinConditionType.USING.symbol(pos));
            join.setOperand(5, new SqlNodeList(using, pos));
        }
    }

    @Override
    protected SqlSelect createSourceSelectForUpdate(SqlUpdate call) {
        SqlSelect select = super.createSourceSelectForUpdate(call);
        wholeRows.add(select);
        return select;
    }

    @Override
    protected SqlSelect createSourceSelectForDelete(SqlDelete call) {
        SqlSelect select = super.createSourceSelectForDelete(call);
        wholeRows.add(select);
        return select;
    }

    @Override
    public void validateMerge(SqlMerge call) {
        if (call.getSourceSelect() != null) {
            wholeRows.add(call.getSourceSelect());
        }
        super.validateMerge(call);
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
