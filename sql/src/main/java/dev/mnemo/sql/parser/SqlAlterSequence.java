package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code ALTER SEQUENCE [IF EXISTS] name [RESTART [WITH n]] [options]}. */
public final class SqlAlterSequence extends SqlDdl {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER SEQUENCE", SqlKind.ALTER_SEQUENCE);

    public final boolean ifExists;
    public final SqlIdentifier name;
    /** The options given; those left out keep their value (RESTART is among them). */
    public final SequenceOptions options;

    public SqlAlterSequence(SqlParserPos pos, boolean ifExists, SqlIdentifier name, SequenceOptions options) {
        super(OPERATOR, pos);
        this.ifExists = ifExists;
        this.name = name;
        this.options = options;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER SEQUENCE");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
        String opts = options.toString();
        if (!opts.isEmpty()) {
            writer.print(" " + opts);
        }
    }
}
