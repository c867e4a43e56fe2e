package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code SCRIPT [NODATA] [TABLE t, ...]}: the statements that make the database (or those tables) again. */
public final class SqlScript extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SCRIPT", SqlKind.OTHER);

    /** Whether to leave the rows out (NODATA): definitions only. */
    public final boolean noData;
    /** The tables to write; empty for all of them. */
    public final SqlNodeList tables;

    public SqlScript(SqlParserPos pos, boolean noData, SqlNodeList tables) {
        super(pos);
        this.noData = noData;
        this.tables = tables;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(tables);
    }

    /** The names of the tables asked for, as the parser cased them; empty for all. */
    public List<String> tableNames() {
        return tables.stream().map(n -> ((SqlIdentifier) n).names).map(n -> n.get(n.size() - 1)).toList();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SCRIPT");
        if (noData) {
            writer.keyword("NODATA");
        }
        if (!tables.isEmpty()) {
            writer.keyword("TABLE");
            tables.unparse(writer, 0, 0);
        }
    }
}
