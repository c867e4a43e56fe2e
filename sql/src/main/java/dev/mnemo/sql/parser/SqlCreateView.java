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
 * {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(columns)] AS query}. The query is kept as the text it was
 * written in: that is what the view stores, and what is parsed again each time a statement reads the view.
 */
public final class SqlCreateView extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

    public final SqlIdentifier name;
    /** The view's column names, or null to take the query's. */
    public final SqlNodeList columns;
    public final SqlNode query;
    public final String queryText;

    public SqlCreateView(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                         SqlNodeList columns, SqlNode query, String queryText) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.columns = columns;
        this.query = query;
        this.queryText = queryText;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return columns == null ? List.of(name, query) : List.of(name, columns, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (columns != null) {
            columns.unparse(writer, 0, 0);
        }
        writer.keyword("AS");
        writer.print(queryText);
    }
}
