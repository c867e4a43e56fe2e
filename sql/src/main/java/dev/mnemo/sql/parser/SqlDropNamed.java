package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code DROP <kind> [IF EXISTS] name [CASCADE | RESTRICT]}: the DROP of a table, sequence or view, named by its
 * operator. {@code cascade} drops what depends on it too; without it (RESTRICT) the DROP refuses while anything does.
 */
public abstract class SqlDropNamed extends SqlDrop {
    public final SqlIdentifier name;
    public final boolean cascade;

    protected SqlDropNamed(SqlOperator operator, SqlParserPos pos, boolean ifExists, SqlIdentifier name,
                           boolean cascade) {
        super(operator, pos, ifExists);
        this.name = name;
        this.cascade = cascade;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getOperator().getName());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }
}
