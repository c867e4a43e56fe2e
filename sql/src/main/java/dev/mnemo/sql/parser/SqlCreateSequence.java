package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name [AS type] [options]}. */
public final class SqlCreateSequence extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SEQUENCE", SqlKind.CREATE_SEQUENCE);

    public final SqlIdentifier name;
    /** The declared type, or null for BIGINT. */
    public final SqlDataTypeSpec type;
    public final SequenceOptions options;

    public SqlCreateSequence(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
                             SqlDataTypeSpec type, SequenceOptions options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.name = name;
        this.type = type;
        this.options = options;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return type == null ? List.of(name) : List.of(name, type);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE SEQUENCE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (type != null) {
            writer.keyword("AS");
            type.unparse(writer, 0, 0);
        }
        String opts = options.toString();
        if (!opts.isEmpty()) {
            writer.print(" " + opts);
        }
    }
}
