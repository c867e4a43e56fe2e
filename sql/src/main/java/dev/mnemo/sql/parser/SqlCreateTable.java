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

/** {@code CREATE TABLE [IF NOT EXISTS] name (columns and constraints) [WITH (kind = ..., storage = ...)]}. */
public final class SqlCreateTable extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    public final SqlIdentifier name;
    /** {@link SqlColumnDeclaration}s, {@link SqlKeyConstraint}s and {@link SqlForeignKey}s, in declaration order. */
    public final SqlNodeList elements;
    /** Alternating option names (identifiers) and values (string literals or identifiers). */
    public final SqlNodeList options;

    public SqlCreateTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                          SqlNodeList elements, SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.elements = elements;
        this.options = options;
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
