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

import java.util.ArrayList;
import java.util.List;

/** A table-level {@code [CONSTRAINT name] PRIMARY KEY (cols)} or {@code UNIQUE (cols)}. */
public final class SqlKeyConstraint extends SqlCall {
    private static final SqlOperator PRIMARY = new SqlSpecialOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY);
    private static final SqlOperator UNIQUE = new SqlSpecialOperator("UNIQUE", SqlKind.UNIQUE);

    /** The constraint's name, or null. */
    public final SqlIdentifier name;
    public final SqlNodeList columns;
    public final boolean primaryKey;

    public SqlKeyConstraint(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns, boolean primaryKey) {
        super(pos);
        this.name = name;
        this.columns = columns;
        this.primaryKey = primaryKey;
    }

    @Override
    public SqlOperator getOperator() {
        return primaryKey ? PRIMARY : UNIQUE;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> out = new ArrayList<>();
        if (name != null) {
            out.add(name);
        }
        out.add(columns);
        return out;
    }

    /** The column names, in declaration order. */
    public List<String> columnNames() {
        return SqlForeignKey.names(columns);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword(primaryKey ? "PRIMARY KEY" : "UNIQUE");
        SqlForeignKey.unparseList(writer, columns);
    }
}
