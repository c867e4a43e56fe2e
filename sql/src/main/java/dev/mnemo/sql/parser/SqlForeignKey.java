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

/**
 * {@code [CONSTRAINT name] FOREIGN KEY (cols) REFERENCES parent [(cols)] [ON DELETE action] [ON UPDATE action]}, or
 * a column's {@code REFERENCES parent [(col)] ...} (its one column given by the column). An action is spelled as in
 * SQL: {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE}, {@code SET NULL}; null when not given.
 */
public final class SqlForeignKey extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("FOREIGN KEY", SqlKind.FOREIGN_KEY);

    /** The constraint's name, or null. */
    public final SqlIdentifier name;
    public final SqlNodeList columns;
    public final SqlIdentifier parent;
    /** The referenced columns, or null for the parent's primary key. */
    public final SqlNodeList parentColumns;
    public final String onDelete;
    public final String onUpdate;

    public SqlForeignKey(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns, SqlIdentifier parent,
                         SqlNodeList parentColumns, String onDelete, String onUpdate) {
        super(pos);
        this.name = name;
        this.columns = columns;
        this.parent = parent;
        this.parentColumns = parentColumns;
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
    }

    /** The same foreign key on the column that declares it ({@code c INT REFERENCES p}). */
    public SqlForeignKey onColumn(SqlIdentifier column) {
        SqlNodeList one = new SqlNodeList(List.of(column), column.getParserPosition());
        return new SqlForeignKey(getParserPosition(), name, one, parent, parentColumns, onDelete, onUpdate);
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
        out.add(columns);
        out.add(parent);
        if (parentColumns != null) {
            out.add(parentColumns);
        }
        return out;
    }

    /** Simple names of a list of identifiers (null: none). */
    public static List<String> names(SqlNodeList list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (SqlNode n : list) {
                out.add(((SqlIdentifier) n).getSimple());
            }
        }
        return out;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword("FOREIGN KEY");
        unparseList(writer, columns);
        writer.keyword("REFERENCES");
        parent.unparse(writer, 0, 0);
        if (parentColumns != null) {
            unparseList(writer, parentColumns);
        }
        if (onDelete != null) {
            writer.keyword("ON DELETE " + onDelete);
        }
        if (onUpdate != null) {
            writer.keyword("ON UPDATE " + onUpdate);
        }
    }

    /** Writes {@code (a, b)}. */
    static void unparseList(SqlWriter writer, SqlNodeList list) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode c : list) {
            writer.sep(",");
            c.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
