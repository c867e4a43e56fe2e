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

/** {@code ALTER TABLE t ADD [COLUMN] column} or {@code ALTER TABLE t DROP [COLUMN] [IF EXISTS] name}. */
public final class SqlAlterTable extends SqlDdl {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

    public final SqlIdentifier table;
    /** The column to add, or null for a drop. */
    public final SqlColumnDeclaration added;
    /** The column to drop, or null for an add. */
    public final SqlIdentifier dropped;
    public final boolean ifExists;

    private SqlAlterTable(SqlParserPos pos, SqlIdentifier table, SqlColumnDeclaration added, SqlIdentifier dropped,
                          boolean ifExists) {
        super(OPERATOR, pos);
        this.table = table;
        this.added = added;
        this.dropped = dropped;
        this.ifExists = ifExists;
    }

    public static SqlAlterTable addColumn(SqlParserPos pos, SqlIdentifier table, SqlColumnDeclaration column) {
        return new SqlAlterTable(pos, table, column, null, false);
    }

    public static SqlAlterTable dropColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                           boolean ifExists) {
        return new SqlAlterTable(pos, table, null, column, ifExists);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table, added != null ? added : dropped);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        if (added != null) {
            writer.keyword("ADD COLUMN");
            added.unparse(writer, 0, 0);
        } else {
            writer.keyword("DROP COLUMN");
            if (ifExists) {
                writer.keyword("IF EXISTS");
            }
            dropped.unparse(writer, 0, 0);
        }
    }
}
