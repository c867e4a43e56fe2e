package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/** {@code [CONSTRAINT name] CHECK (condition)}: of a column, of a table, or added by {@code ALTER TABLE}. */
public final class SqlCheckConstraint extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CHECK", SqlKind.CHECK);

    /** The constraint's name, or null for one Mnemo names. */
    public final SqlIdentifier name;
    /** The condition as parsed; the executor refuses what a check cannot hold (subqueries, parameters, ...). */
    public final SqlNode condition;

    public SqlCheckConstraint(SqlParserPos pos, SqlIdentifier name, SqlNode condition) {
        super(pos);
        this.name = name;
        this.condition = condition;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> out = new ArrayList<>();
        if (name != null) {
            out.add(name);
        }
        out.add(condition);
        return out;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword("CHECK");
        SqlWriter.Frame frame = writer.startList("(", ")");
        condition.unparse(writer, 0, 0);
        writer.endList(frame);
    }
}
