package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (columns and constraints) [WITH (kind = ..., storage = ...)]}, or
 * {@code CREATE TABLE [IF NOT EXISTS] name [WITH (...)] AS query [WITH [NO] DATA]}.
 */
public final class SqlCreateTable extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    public final SqlIdentifier name;
    /** {@link SqlColumnDeclaration}s, {@link SqlKeyConstraint}s and {@link SqlForeignKey}s, in declaration order. */
    public final SqlNodeList elements;
    /** Alternating option names (identifiers) and values (string literals or identifiers). */
    public final SqlNodeList options;
    /** The query of {@code CREATE TABLE t AS query}, else null. */
    public final SqlNode query;
    /** The query's text as written, else null. */
    public final String queryText;
    /** False for {@code ... WITH NO DATA}: the table gets the query's columns but not its rows. */
    public final boolean withData;

    public SqlCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                          SqlNodeList elements, SqlNodeList options) {
        this(pos, replace, ifNotExists, name, elements, options, null, null, true);
    }

    /** {@code CREATE TABLE [IF NOT EXISTS] name [WITH (options)] AS query [WITH [NO] DATA]}. */
    public SqlCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                          SqlNodeList options, SqlNode query, String queryText, boolean withData) {
        this(pos, replace, ifNotExists, name, SqlNodeList.EMPTY, options, query, queryText, withData);
    }

    private SqlCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                           SqlNodeList elements, SqlNodeList options, SqlNode query, String queryText,
                           boolean withData) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.elements = elements;
        this.options = options;
        this.query = query;
        this.queryText = queryText;
        this.withData = withData;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, elements, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode e : elements) {
            writer.sep(",");
            e.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
