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

/**
 * {@code BEGIN} (or {@code START TRANSACTION}), {@code SET TRANSACTION}, {@code COMMIT}, {@code ROLLBACK}, or a
 * savepoint's {@code SAVEPOINT}, {@code ROLLBACK TO} or {@code RELEASE}.
 */
public final class SqlTransactionControl extends SqlCall {
    /** What the statement does. */
    public enum Action {
        BEGIN("START TRANSACTION", SqlKind.OTHER), SET_TRANSACTION("SET TRANSACTION", SqlKind.OTHER),
        COMMIT("COMMIT", SqlKind.COMMIT), ROLLBACK("ROLLBACK", SqlKind.ROLLBACK),
        SAVEPOINT("SAVEPOINT", SqlKind.OTHER), ROLLBACK_TO("ROLLBACK TO SAVEPOINT", SqlKind.ROLLBACK),
        RELEASE("RELEASE SAVEPOINT", SqlKind.OTHER);

        final SqlOperator operator;

        Action(String keywords, SqlKind kind) {
            this.operator = new SqlSpecialOperator(keywords, kind);
        }
    }

    /** The modes a {@code START TRANSACTION} or {@code SET TRANSACTION} names; null where it names none. */
    public static final class Modes {
        private String isolation;
        private Boolean readOnly;

        /** The isolation level as SQL spells it ({@code READ COMMITTED}), or null. */
        public String isolation() {
            return isolation;
        }

        public void isolation(String level) {
            isolation = level;
        }

        /** True for {@code READ ONLY}, false for {@code READ WRITE}, null if neither was named. */
        public Boolean readOnly() {
            return readOnly;
        }

        public void readOnly(boolean only) {
            readOnly = only;
        }
    }

    public final Action action;
    /** The savepoint named, or null for the other actions. */
    public final SqlIdentifier savepoint;
    /** The transaction modes of BEGIN and SET TRANSACTION (none named for the other actions). */
    public final Modes modes;

    public SqlTransactionControl(SqlParserPos pos, Action action, SqlIdentifier savepoint) {
        this(pos, action, savepoint, new Modes());
    }

    /** A BEGIN or SET TRANSACTION naming these modes. */
    public static SqlTransactionControl withModes(SqlParserPos pos, Action action, Modes modes) {
        return new SqlTransactionControl(pos, action, null, modes);
    }

    private SqlTransactionControl(SqlParserPos pos, Action action, SqlIdentifier savepoint, Modes modes) {
        super(pos);
        this.action = action;
        this.savepoint = savepoint;
        this.modes = modes;
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
        if (modes.isolation != null) {
            writer.keyword("ISOLATION LEVEL " + modes.isolation);
        }
        if (modes.readOnly != null) {
            if (modes.isolation != null) {
                writer.sep(",");
            }
            writer.keyword(modes.readOnly ? "READ ONLY" : "READ WRITE");
        }
    }
}
