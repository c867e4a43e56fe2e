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

import java.util.ArrayList;
import java.util.List;

/** {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (columns) [USING HASH | ORDERED]}. */
public final class SqlCreateIndex extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

    public final boolean unique;
    public final SqlIdentifier name;
    public final SqlIdentifier table;
    public final SqlNodeList columns;
    /** HASH or ORDERED as written, or null (ordered). */
    public final SqlIdentifier method;

    public SqlCreateIndex(SqlParserPos pos, boolean replace, boolean ifNotExists, boolean unique, SqlIdentifier name,
                          SqlIdentifier table, SqlNodeList columns, SqlIdentifier method) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.unique = unique;
        this.name = name;
        this.table = table;
        this.columns = columns;
        this.method = method;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> out = new ArrayList<>(List.of(name, table, columns));
        if (method != null) {
            out.add(method);
        }
        return out;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        writer.keyword("ON");
        table.unparse(writer, 0, 0);
        columns.unparse(writer, 0, 0);
        if (method != null) {
            writer.keyword("USING");
            method.unparse(writer, 0, 0);
        }
    }
}
