package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code COMMIT}, {@code ROLLBACK}, or a savepoint's {@code SAVEPOINT}, {@code ROLLBACK TO} or {@code RELEASE}. */
public final class SqlTransactionControl extends SqlCall {
    /** What the statement does. */
    public enum Action {
        COMMIT("COMMIT", SqlKind.COMMIT), ROLLBACK("ROLLBACK", SqlKind.ROLLBACK),
        SAVEPOINT("SAVEPOINT", SqlKind.OTHER), ROLLBACK_TO("ROLLBACK TO SAVEPOINT", SqlKind.ROLLBACK),
        RELEASE("RELEASE SAVEPOINT", SqlKind.OTHER);

        final SqlOperator operator;

        Action(String keywords, SqlKind kind) {
            this.operator = new SqlSpecialOperator(keywords, kind);
        }
    }

    public final Action action;
    /** The savepoint named, or null for COMMIT and ROLLBACK. */
    public final SqlIdentifier savepoint;

    public SqlTransactionControl(SqlParserPos pos, Action action, SqlIdentifier savepoint) {
        super(pos);
        this.action = action;
        this.savepoint = savepoint;
    }

    @Override
    public SqlOperator getOperator() {
        return action.operator;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return savepoint == null ? List.of() : List.of(savepoint);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(action.operator.getName());
        if (savepoint != null) {
            savepoint.unparse(writer, leftPrec, rightPrec);
        }
    }
}
