<#--
  Mnemo's DDL and transaction-control statements, and its UPDATE and MERGE (Calcite's, taking SET col = DEFAULT)
  and the EXPLAIN of them, spliced into Calcite's Parser.jj by FMPP.
  Each DDL production builds one of the dev.mnemo.sql.parser nodes; the nodes carry no behaviour of their own,
  dev.mnemo.sql.ddl turns them into engine calls.
-->

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** A referential action: NO ACTION, RESTRICT, CASCADE or SET NULL, as SQL spells it. */
String ReferentialAction() :
{
}
{
    <NO> <ACTION> { return "NO ACTION"; }
|
    <RESTRICT> { return "RESTRICT"; }
|
    <CASCADE> { return "CASCADE"; }
|
    LOOKAHEAD(2) <SET> <NULL> { return "SET NULL"; }
|
    <SET> <DEFAULT_> { return "SET DEFAULT"; }
}

/**
 * {@code REFERENCES parent [(cols)] [ON DELETE action] [ON UPDATE action]}, each ON clause at most once, the rest of a
 * foreign key whose name and columns the caller has read.
 */
SqlForeignKey References(Span s, SqlIdentifier name, SqlNodeList columns) :
{
    final SqlIdentifier parent;
    SqlNodeList parentColumns = null;
    String onDelete = null;
    String onUpdate = null;
    String action;
}
{
    <REFERENCES> parent = CompoundIdentifier()
    [ parentColumns = ParenthesizedSimpleIdentifierList() ]
    (
        <ON>
        (
            <DELETE> action = ReferentialAction() {
                if (onDelete != null) { throw new ParseException("ON DELETE is given twice"); }
                onDelete = action;
            }
        |
            <UPDATE> action = ReferentialAction() {
                if (onUpdate != null) { throw new ParseException("ON UPDATE is given twice"); }
                onUpdate = action;
            }
        )
    )*
    {
        return new SqlForeignKey(s.end(this), name, columns, parent, parentColumns, onDelete, onUpdate);
    }
}

/** {@code FOREIGN KEY (cols) REFERENCES ...}, after an optional {@code CONSTRAINT name}. */
SqlForeignKey ForeignKey(Span s, SqlIdentifier name) :
{
    final SqlNodeList columns;
    final SqlForeignKey fk;
}
{
    <FOREIGN> { s.add(this); } <KEY> columns = ParenthesizedSimpleIdentifierList()
    fk = References(s, name, columns) { return fk; }
}

/**
 * A column: name, type, then NOT NULL, NULL, DEFAULT literal, GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(options)],
 * PRIMARY KEY, UNIQUE and REFERENCES parent [(col)] [ON DELETE ...] in any order. DEFAULT also takes a context
 * variable: CURRENT_TIMESTAMP and the other times of the write are defaults, the others are refused with a clear error
 * rather than a syntax one.
 */
SqlColumnDeclaration ColumnDeclaration() :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    boolean nullable = true;
    SqlNode defaultValue = null;
    boolean primaryKey = false;
    boolean unique = false;
    String generation = null;
    SequenceOptions identityOptions = null;
    SqlForeignKey references = null;
    SqlForeignKey fk;
    final Span s;
}
{
    id = SimpleIdentifier() { s = span(); }
    type = DataType()
    (
        <NOT> <NULL> { nullable = false; }
    |
        <NULL> { nullable = true; }
    |
        <DEFAULT_> ( defaultValue = Literal() | defaultValue = ContextVariable() )
    |
        <PRIMARY> <KEY> { primaryKey = true; }
    |
        <UNIQUE> { unique = true; }
    |
        <GENERATED> {
            if (generation != null) { throw new ParseException("GENERATED ... AS IDENTITY is given twice"); }
        }
        ( <ALWAYS> { generation = "ALWAYS"; } | <BY> <DEFAULT_> { generation = "BY DEFAULT"; } )
        <AS> <IDENTITY> { identityOptions = new SequenceOptions(); }
        [ <LPAREN> SequenceOptionList(identityOptions) <RPAREN> ]
    |
        fk = References(Span.of(), null, null) {
            if (references != null) { throw new ParseException("REFERENCES is given twice"); }
            references = fk;
        }
    )*
    {
        return new SqlColumnDeclaration(s.end(this), id, type, nullable, defaultValue, primaryKey, unique,
            generation, identityOptions, references);
    }
}

void TableElement(List<SqlNode> list) :
{
    final SqlColumnDeclaration column;
    SqlIdentifier name = null;
    final SqlNodeList columns;
    final SqlForeignKey fk;
    final Span s = Span.of();
}
{
    column = ColumnDeclaration() { list.add(column); }
|
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s.add(this); } <KEY> columns = ParenthesizedSimpleIdentifierList() {
            list.add(new SqlKeyConstraint(s.end(this), name, columns, true));
        }
    |
        <UNIQUE> { s.add(this); } columns = ParenthesizedSimpleIdentifierList() {
            list.add(new SqlKeyConstraint(s.end(this), name, columns, false));
        }
    |
        fk = ForeignKey(s, name) { list.add(fk); }
    )
}

/** {@code WITH (name = 'value', ...)}: Mnemo's table options (kind, storage). */
SqlNodeList TableOptions() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlIdentifier key;
    SqlNode value;
}
{
    <WITH> { s = span(); } <LPAREN>
    key = SimpleIdentifier() <EQ> ( value = StringLiteral() | value = SimpleIdentifier() ) {
        list.add(key);
        list.add(value);
    }
    (
        <COMMA> key = SimpleIdentifier() <EQ> ( value = StringLiteral() | value = SimpleIdentifier() ) {
            list.add(key);
            list.add(value);
        }
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    final List<SqlNode> elements = new ArrayList<SqlNode>();
    SqlNodeList tableOptions = SqlNodeList.EMPTY;
    Token first;
    SqlNode query;
    boolean withData = true;
}
{
    <TABLE> ifNotExists = IfNotExistsOpt() id = CompoundIdentifier()
    (
        <LPAREN> TableElement(elements) ( <COMMA> TableElement(elements) )* <RPAREN>
        [ tableOptions = TableOptions() ]
        {
            return new SqlCreateTable(s.end(this), replace, ifNotExists, id,
                new SqlNodeList(elements, Span.of(elements).pos()), tableOptions);
        }
    |
        [ tableOptions = TableOptions() ]
        <AS> { first = getToken(1); }
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        {
            final String sql = getOriginalSql();
            final String text = sql.substring(SqlParserUtil.lineColToIndex(sql, first.beginLine, first.beginColumn),
                SqlParserUtil.lineColToIndex(sql, token.endLine, token.endColumn) + 1);
        }
        [ <WITH> ( <DATA> | <NO> <DATA> { withData = false; } ) ]
        {
            return new SqlCreateTable(s.end(this), replace, ifNotExists, id, tableOptions, query, text, withData);
        }
    )
}

SqlCreate SqlCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlIdentifier table;
    final SqlNodeList columns;
    SqlIdentifier method = null;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX> ifNotExists = IfNotExistsOpt() name = SimpleIdentifier()
    <ON> table = CompoundIdentifier() columns = ParenthesizedSimpleIdentifierList()
    [ <USING> method = SimpleIdentifier() ]
    {
        return new SqlCreateIndex(s.end(this), replace, ifNotExists, unique, name, table, columns, method);
    }
}

SqlDrop SqlDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
    final boolean cascade;
}
{
    <TABLE> ifExists = IfExistsOpt() id = CompoundIdentifier() cascade = CascadeOpt() {
        return new SqlDropTable(s.end(this), ifExists, id, cascade);
    }
}

/** {@code [CASCADE | RESTRICT]} of a DROP: true for CASCADE; RESTRICT is the default. */
boolean CascadeOpt() :
{
}
{
    <CASCADE> { return true; }
|
    <RESTRICT> { return false; }
|
    { return false; }
}

SqlDrop SqlDropIndex(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier name;
    SqlIdentifier table = null;
}
{
    <INDEX> ifExists = IfExistsOpt() name = SimpleIdentifier()
    [ <ON> table = CompoundIdentifier() ]
    {
        return new SqlDropIndex(s.end(this), ifExists, name, table);
    }
}

/** A number of a sequence option: an integer literal, signed or not (the executor checks its range). */
java.math.BigDecimal SequenceNumber() :
{
    final SqlLiteral n;
}
{
    n = NumericLiteral() {
        return n.getValueAs(java.math.BigDecimal.class);
    }
}

/** The options of CREATE SEQUENCE or of an identity column, in any order, each at most once. */
void SequenceOptionList(SequenceOptions o) :
{
}
{
    ( SequenceOption(o) )*
}

/** One option of a sequence's definition: START WITH, INCREMENT BY, [NO] MINVALUE, [NO] MAXVALUE, [NO] CYCLE, CACHE. */
void SequenceOption(SequenceOptions o) :
{
    java.math.BigDecimal n;
}
{
    <START> [ <WITH> ] n = SequenceNumber() {
        if (o.start != null) { throw new ParseException("START WITH is given twice"); }
        o.start = n;
    }
|
    <INCREMENT> [ <BY> ] n = SequenceNumber() {
        if (o.increment != null) { throw new ParseException("INCREMENT BY is given twice"); }
        o.increment = n;
    }
|
    <MINVALUE> n = SequenceNumber() {
        if (o.minValue != null || o.noMinValue) { throw new ParseException("MINVALUE is given twice"); }
        o.minValue = n;
    }
|
    <MAXVALUE> n = SequenceNumber() {
        if (o.maxValue != null || o.noMaxValue) { throw new ParseException("MAXVALUE is given twice"); }
        o.maxValue = n;
    }
|
    <CYCLE> {
        if (o.cycle != null) { throw new ParseException("CYCLE is given twice"); }
        o.cycle = true;
    }
|
    <CACHE> n = SequenceNumber() {
        if (o.cache != null) { throw new ParseException("CACHE is given twice"); }
        o.cache = n;
    }
|
    <NO>
    (
        <MINVALUE> {
            if (o.minValue != null || o.noMinValue) { throw new ParseException("MINVALUE is given twice"); }
            o.noMinValue = true;
        }
    |
        <MAXVALUE> {
            if (o.maxValue != null || o.noMaxValue) { throw new ParseException("MAXVALUE is given twice"); }
            o.noMaxValue = true;
        }
    |
        <CYCLE> {
            if (o.cycle != null) { throw new ParseException("CYCLE is given twice"); }
            o.cycle = false;
        }
    )
}

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name [AS type] [options]}. */
SqlCreate SqlCreateSequence(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlDataTypeSpec type = null;
    final SequenceOptions seqOptions = new SequenceOptions();
}
{
    <SEQUENCE> ifNotExists = IfNotExistsOpt() id = CompoundIdentifier()
    [ <AS> type = DataType() ]
    SequenceOptionList(seqOptions)
    {
        return new SqlCreateSequence(s.end(this), replace, ifNotExists, id, type, seqOptions);
    }
}

SqlDrop SqlDropSequence(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <SEQUENCE> ifExists = IfExistsOpt() id = CompoundIdentifier() {
        return new SqlDropSequence(s.end(this), ifExists, id);
    }
}

/** {@code ALTER SEQUENCE [IF EXISTS] name [RESTART [WITH n]] [options]}: the options of CREATE SEQUENCE. */
SqlNode SqlAlterSequence() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier id;
    final SequenceOptions seqOptions = new SequenceOptions();
    java.math.BigDecimal n = null;
}
{
    <ALTER> { s = span(); } <SEQUENCE> ifExists = IfExistsOpt() id = CompoundIdentifier()
    (
        <RESTART> [ <WITH> n = SequenceNumber() ] {
            if (seqOptions.restart) { throw new ParseException("RESTART is given twice"); }
            seqOptions.restart = true;
            seqOptions.restartWith = n;
        }
    |
        SequenceOption(seqOptions)
    )*
    {
        return new SqlAlterSequence(s.end(this), ifExists, id, seqOptions);
    }
}

/**
 * {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(columns)] AS query}; the query's text is kept as written,
 * from its first token to its last.
 */
SqlCreate SqlCreateView(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlNodeList columns = null;
    final Token first;
    final SqlNode query;
}
{
    <VIEW> ifNotExists = IfNotExistsOpt() id = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> { first = getToken(1); }
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        final String sql = getOriginalSql();
        final String text = sql.substring(SqlParserUtil.lineColToIndex(sql, first.beginLine, first.beginColumn),
            SqlParserUtil.lineColToIndex(sql, token.endLine, token.endColumn) + 1);
        return new SqlCreateView(s.end(this), replace, ifNotExists, id, columns, query, text);
    }
}

SqlDrop SqlDropView(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
    final boolean cascade;
}
{
    <VIEW> ifExists = IfExistsOpt() id = CompoundIdentifier() cascade = CascadeOpt() {
        return new SqlDropView(s.end(this), ifExists, id, cascade);
    }
}

/** {@code RESTART [[WITH] n]} of an identity column (PostgreSQL's spelling; H2's has WITH). */
void IdentityRestart(SequenceOptions o) :
{
    java.math.BigDecimal n = null;
}
{
    <RESTART> [ [ <WITH> ] n = SequenceNumber() ] {
        if (o.restart) { throw new ParseException("RESTART is given twice"); }
        o.restart = true;
        o.restartWith = n;
    }
}

/** Further changes of an identity column's sequence: {@code RESTART [[WITH] n]} or {@code SET} a sequence option. */
void IdentityChanges(SequenceOptions o) :
{
}
{
    ( IdentityRestart(o) | <SET> SequenceOption(o) )*
}

/**
 * {@code ALTER TABLE t} and one action: {@code ADD [COLUMN] column}, {@code DROP [COLUMN] [IF EXISTS] name},
 * {@code ALTER [COLUMN] name SET DEFAULT value | DROP DEFAULT | SET NOT NULL | DROP NOT NULL | [SET DATA] TYPE type},
 * {@code ALTER [COLUMN] name} and identity changes ({@code RESTART [[WITH] n]}, {@code SET INCREMENT BY n}, ...),
 * {@code RENAME TO u}, {@code RENAME [COLUMN] name TO other}, {@code ADD [CONSTRAINT n] FOREIGN KEY ...} or
 * {@code DROP CONSTRAINT [IF EXISTS] n}. {@code ALTER TABLE IF EXISTS t} does nothing when there is no table t.
 */
SqlNode SqlAlterTable() :
{
    final Span s;
    final SqlIdentifier table;
    final boolean tableIfExists;
    final SqlAlterTable alter;
}
{
    <ALTER> { s = span(); } <TABLE> tableIfExists = IfExistsOpt() table = CompoundIdentifier()
    alter = AlterTableAction(s, table) {
        return tableIfExists ? alter.ifTableExists() : alter;
    }
}

/** The one action of an ALTER TABLE statement on {@code table}. */
SqlAlterTable AlterTableAction(Span s, SqlIdentifier table) :
{
    final SqlColumnDeclaration column;
    final boolean ifExists;
    final SqlIdentifier name;
    SqlIdentifier from = null;
    final SqlIdentifier to;
    SqlNode value;
    SqlIdentifier constraint = null;
    final SqlForeignKey fk;
    SqlDataTypeSpec type;
    final SequenceOptions seqOptions = new SequenceOptions();
}
{
    (
        LOOKAHEAD(2)
        <ADD> [ <CONSTRAINT> constraint = SimpleIdentifier() ] fk = ForeignKey(Span.of(), constraint) {
            return SqlAlterTable.addForeignKey(s.end(this), table, fk);
        }
    |
        <ADD> [ <COLUMN> ] column = ColumnDeclaration() {
            return SqlAlterTable.addColumn(s.end(this), table, column);
        }
    |
        LOOKAHEAD(2)
        <DROP> <CONSTRAINT> ifExists = IfExistsOpt() name = SimpleIdentifier() {
            return SqlAlterTable.dropConstraint(s.end(this), table, name, ifExists);
        }
    |
        <DROP> [ <COLUMN> ] ifExists = IfExistsOpt() name = SimpleIdentifier() {
            return SqlAlterTable.dropColumn(s.end(this), table, name, ifExists);
        }
    |
        <ALTER> [ <COLUMN> ] name = SimpleIdentifier()
        (
            <SET>
            (
                <DEFAULT_> ( value = Literal() | value = ContextVariable() ) {
                    return SqlAlterTable.setDefault(s.end(this), table, name, value);
                }
            |
                <NOT> <NULL> {
                    return SqlAlterTable.alterColumn(s.end(this), table, name, SqlAlterTable.Action.SET_NOT_NULL);
                }
            |
                <DATA> <TYPE> type = DataType() {
                    return SqlAlterTable.setType(s.end(this), table, name, type);
                }
            |
                SequenceOption(seqOptions) IdentityChanges(seqOptions) {
                    return SqlAlterTable.alterIdentity(s.end(this), table, name, seqOptions);
                }
            )
        |
            <TYPE> type = DataType() {
                return SqlAlterTable.setType(s.end(this), table, name, type);
            }
        |
            IdentityRestart(seqOptions) IdentityChanges(seqOptions) {
                return SqlAlterTable.alterIdentity(s.end(this), table, name, seqOptions);
            }
        |
            <DROP>
            (
                <DEFAULT_> {
                    return SqlAlterTable.alterColumn(s.end(this), table, name, SqlAlterTable.Action.DROP_DEFAULT);
                }
            |
                <NOT> <NULL> {
                    return SqlAlterTable.alterColumn(s.end(this), table, name, SqlAlterTable.Action.DROP_NOT_NULL);
                }
            )
        )
    |
        <RENAME> ( <TO> | [ <COLUMN> ] from = SimpleIdentifier() <TO> ) to = SimpleIdentifier() {
            return SqlAlterTable.rename(s.end(this), table, from, to);
        }
    )
}

/**
 * {@code COMMIT [WORK]}, {@code ROLLBACK [WORK] [TO [SAVEPOINT] s]}, {@code SAVEPOINT s} and {@code RELEASE
 * [SAVEPOINT] s}, for scripts and consoles; JDBC programs call the Connection methods.
 */
SqlNode SqlTransactionControl() :
{
    SqlIdentifier name = null;
}
{
    <COMMIT> [ <WORK> ] { return new SqlTransactionControl(getPos(), SqlTransactionControl.Action.COMMIT, null); }
|
    <ROLLBACK> [ <WORK> ] [ <TO> [ <SAVEPOINT> ] name = SimpleIdentifier() ] {
        return new SqlTransactionControl(getPos(), name == null ? SqlTransactionControl.Action.ROLLBACK
            : SqlTransactionControl.Action.ROLLBACK_TO, name);
    }
|
    <SAVEPOINT> name = SimpleIdentifier() {
        return new SqlTransactionControl(getPos(), SqlTransactionControl.Action.SAVEPOINT, name);
    }
|
    <RELEASE> [ <SAVEPOINT> ] name = SimpleIdentifier() {
        return new SqlTransactionControl(getPos(), SqlTransactionControl.Action.RELEASE, name);
    }
}

/**
 * {@code TRUNCATE [TABLE] t}: every row of t deleted. It is {@code DELETE FROM t}, planned, checked against foreign keys
 * and part of the transaction as that statement is.
 */
SqlNode SqlTruncateTable() :
{
    final Span s;
    final SqlIdentifier table;
}
{
    <TRUNCATE> { s = span(); } [ <TABLE> ] table = CompoundIdentifier() {
        return new SqlDelete(s.end(this), table, null, null, null);
    }
}

/** {@code SCRIPT [NODATA] [TABLE t, ...]}: the statements that make the database, or those tables, again. */
SqlNode SqlScript() :
{
    final Span s;
    boolean noData = false;
    final List<SqlNode> tables = new ArrayList<SqlNode>();
    SqlIdentifier table;
}
{
    <SCRIPT> { s = span(); }
    [ <NODATA> { noData = true; } ]
    [
        <TABLE> table = CompoundIdentifier() { tables.add(table); }
        ( <COMMA> table = CompoundIdentifier() { tables.add(table); } )*
    ]
    {
        return new SqlScript(s.end(this), noData, new SqlNodeList(tables, s.pos()));
    }
}

/**
 * Calcite's INSERT, taking {@code OVERRIDING SYSTEM VALUE} after the column list (values for a GENERATED ALWAYS
 * identity column are then kept). Listed among the statement methods, it is tried before Calcite's and parses every
 * top-level INSERT; UPSERT stays Calcite's.
 */
SqlNode SqlInsertOverridingSystemValue() :
{
    final List<SqlLiteral> keywords = new ArrayList<SqlLiteral>();
    final SqlNodeList keywordList;
    final SqlIdentifier tableName;
    SqlNode tableRef;
    SqlNode source;
    SqlNodeList columnList = null;
    boolean overriding = false;
    final Span s;
    Pair<SqlNodeList, SqlNodeList> p;
}
{
    <INSERT> { s = span(); }
    SqlInsertKeywords(keywords) {
        keywordList = new SqlNodeList(keywords, s.addAll(keywords).pos());
    }
    <INTO> tableName = CompoundTableIdentifier()
    ( tableRef = TableHints(tableName) | { tableRef = tableName; } )
    [ LOOKAHEAD(5) tableRef = ExtendTable(tableRef) ]
    [
        LOOKAHEAD(2)
        p = ParenthesizedCompoundIdentifierList() {
            if (!p.right.isEmpty()) {
                tableRef = extend(tableRef, p.right);
            }
            if (!p.left.isEmpty()) {
                columnList = p.left;
            }
        }
    ]
    [ LOOKAHEAD(3) <OVERRIDING> <SYSTEM> <VALUE> { overriding = true; } ]
    source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
        return overriding
            ? new SqlInsertOverriding(s.end(source), keywordList, tableRef, source, columnList)
            : new SqlInsert(s.end(source), keywordList, tableRef, source, columnList);
    }
}

/**
 * {@code UPDATE t [[AS] alias] SET col = expression | DEFAULT, ... [FROM source, ...] [WHERE condition]}:
 * Calcite's UPDATE, with DEFAULT allowed as a column's new value (Calcite's own production takes expressions only).
 * With PostgreSQL's FROM it is {@code MERGE INTO t USING source ON condition WHEN MATCHED THEN UPDATE SET ...}, the
 * standard's way to update from other tables (the sources of a FROM with several are joined). Listed among the
 * statement methods, it is tried before Calcite's and parses every top-level UPDATE.
 */
SqlNode SqlUpdateSettingDefaults() :
{
    final SqlIdentifier table;
    SqlNode tableRef;
    SqlIdentifier alias = null;
    final SqlNodeList columns;
    final SqlNodeList values;
    SqlNode source = null;
    SqlNode where = null;
    final Span s;
}
{
    <UPDATE> {
        s = span();
        columns = new SqlNodeList(s.pos());
        values = new SqlNodeList(s.pos());
    }
    table = CompoundTableIdentifier()
    ( tableRef = TableHints(table) | { tableRef = table; } )
    [ tableRef = ExtendTable(tableRef) ]
    [ [ <AS> ] alias = SimpleIdentifier() ]
    <SET> SetClause(columns, values)
    ( <COMMA> SetClause(columns, values) )*
    [ <FROM> source = FromClause() ]
    [ where = Where() ]
    {
        if (source != null) {
            SqlUpdate update = new SqlUpdate(s.addAll(values).pos(), tableRef, columns, values, null, null, alias);
            SqlNode on = where != null ? where : SqlLiteral.createBoolean(true, s.pos());
            return new SqlMerge(s.end(this), tableRef, on, source, update, null, null, alias);
        }
        return new SqlUpdate(s.addAll(columns).addAll(values).addIf(where).pos(), tableRef, columns, values,
            where, null, alias);
    }
}

/** One {@code column = expression} or {@code column = DEFAULT} of an UPDATE's SET. */
void SetClause(SqlNodeList columns, SqlNodeList values) :
{
    final SqlIdentifier column;
    final SqlNode value;
}
{
    column = CompoundIdentifier() <EQ>
    ( value = Default() | value = Expression(ExprContext.ACCEPT_SUB_QUERY) )
    {
        columns.add(column);
        values.add(value);
    }
}

/**
 * {@code MERGE INTO t ... WHEN MATCHED THEN UPDATE SET col = expression | DEFAULT, ... [WHEN NOT MATCHED THEN INSERT
 * ...]}: Calcite's MERGE, with DEFAULT allowed as a new value as in Mnemo's UPDATE. Listed among the statement
 * methods, it is tried before Calcite's and parses every top-level MERGE.
 */
SqlNode SqlMergeSettingDefaults() :
{
    final SqlIdentifier table;
    SqlNode tableRef;
    final SqlIdentifier alias;
    final SqlNode source;
    final SqlNode condition;
    final SqlUpdate update;
    final SqlInsert insert;
    final Span s;
}
{
    <MERGE> { s = span(); } <INTO> table = CompoundTableIdentifier()
    ( tableRef = TableHints(table) | { tableRef = table; } )
    [ tableRef = ExtendTable(tableRef) ]
    ( [ <AS> ] alias = SimpleIdentifier() | { alias = null; } )
    <USING> source = TableRef()
    <ON> condition = Expression(ExprContext.ACCEPT_SUB_QUERY)
    (
        LOOKAHEAD(2)
        update = WhenMatchedSettingDefaults(tableRef, alias)
        ( insert = WhenNotMatchedClause(tableRef) | { insert = null; } )
    |
        { update = null; }
        insert = WhenNotMatchedClause(tableRef)
    )
    {
        return new SqlMerge(s.addIf(update).addIf(insert).pos(), tableRef, condition, source, update, insert, null,
            alias);
    }
}

/** {@code WHEN MATCHED THEN UPDATE SET col = expression | DEFAULT, ...} of a MERGE. */
SqlUpdate WhenMatchedSettingDefaults(SqlNode table, SqlIdentifier alias) :
{
    final Span s;
    final SqlNodeList columns = new SqlNodeList(SqlParserPos.ZERO);
    final SqlNodeList values = new SqlNodeList(SqlParserPos.ZERO);
}
{
    <WHEN> { s = span(); } <MATCHED> <THEN> <UPDATE> <SET> SetClause(columns, values)
    ( <COMMA> SetClause(columns, values) )*
    {
        return new SqlUpdate(s.addAll(values).pos(), table, columns, values, null, null, alias);
    }
}

/**
 * {@code EXPLAIN PLAN [...] FOR statement}: Calcite's EXPLAIN, whose statement may be an UPDATE or MERGE setting
 * columns to DEFAULT. Listed among the statement methods, it is tried before Calcite's and parses every EXPLAIN.
 */
SqlNode SqlExplainSettingDefaults() :
{
    SqlNode stmt;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth;
    final SqlExplainFormat format;
}
{
    <EXPLAIN> <PLAN>
    [ detailLevel = ExplainDetailLevel() ]
    depth = ExplainDepth()
    (
        LOOKAHEAD(2)
        <AS> <XML> { format = SqlExplainFormat.XML; }
    |
        LOOKAHEAD(2)
        <AS> <JSON> { format = SqlExplainFormat.JSON; }
    |
        <AS> <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
    |
        { format = SqlExplainFormat.TEXT; }
    )
    <FOR> stmt = QueryOrDmlSettingDefaults() {
        return new SqlExplain(getPos(), stmt, detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO), format.symbol(SqlParserPos.ZERO), nDynamicParams);
    }
}

/** What EXPLAIN explains: Calcite's query or DML statement, with Mnemo's UPDATE and MERGE in place of its own. */
SqlNode QueryOrDmlSettingDefaults() :
{
    final SqlNode stmt;
}
{
    (
        stmt = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    |
        stmt = SqlInsert()
    |
        stmt = SqlDelete()
    |
        stmt = SqlUpdateSettingDefaults()
    |
        stmt = SqlMergeSettingDefaults()
    )
    {
        return stmt;
    }
}

/** FLOAT(p), p in binary digits: REAL for p up to 24, DOUBLE for 25 to 53, as the standard has it. */
SqlTypeNameSpec FloatTypeName() :
{
    final Span s;
    final int precision;
}
{
    <FLOAT> { s = span(); } <LPAREN> precision = UnsignedIntLiteral() <RPAREN>
    {
        if (precision < 1 || precision > 53) {
            throw new ParseException("FLOAT precision must be 1 to 53 (binary digits), got " + precision);
        }
        return new SqlBasicTypeNameSpec(precision <= 24 ? SqlTypeName.REAL : SqlTypeName.DOUBLE, s.end(this));
    }
}
