package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE t} with one action: {@code ADD [COLUMN] column}, {@code DROP [COLUMN] [IF EXISTS] name},
 * {@code ALTER [COLUMN] name SET DEFAULT value | DROP DEFAULT | SET NOT NULL | DROP NOT NULL | SET DATA TYPE type},
 * {@code ALTER [COLUMN] name RESTART [WITH n] | SET INCREMENT BY n ...} (an identity column's sequence),
 * {@code RENAME TO u}, {@code RENAME [COLUMN] name TO other}, {@code ADD [CONSTRAINT n] FOREIGN KEY ...},
 * {@code ADD [CONSTRAINT n] PRIMARY KEY (cols)}, {@code ADD [CONSTRAINT n] CHECK (condition)} or
 * {@code DROP CONSTRAINT [IF EXISTS] n}.
 */
public final class SqlAlterTable extends SqlDdl {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE);

    /** What the statement does to the table. */
    public enum Action {
        ADD_COLUMN("ADD COLUMN"), DROP_COLUMN("DROP COLUMN"), SET_DEFAULT("SET DEFAULT"), DROP_DEFAULT("DROP DEFAULT"),
        SET_NOT_NULL("SET NOT NULL"), DROP_NOT_NULL("DROP NOT NULL"), RENAME_TABLE("RENAME TO"),
        RENAME_COLUMN("RENAME COLUMN"), ADD_FOREIGN_KEY("ADD"), DROP_CONSTRAINT("DROP CONSTRAINT"),
        SET_TYPE("SET DATA TYPE"), ALTER_IDENTITY(""), ADD_PRIMARY_KEY("ADD"), ADD_CHECK("ADD");

        private final String sql;

        Action(String sql) {
            this.sql = sql;
        }
    }

    public final SqlIdentifier table;
    /** {@code ALTER TABLE IF EXISTS}: no table of that name is no error. */
    public final boolean tableIfExists;
    public final Action action;
    /** The column to add (ADD COLUMN only). */
    public final SqlColumnDeclaration added;
    /** The foreign key added (ADD FOREIGN KEY only). */
    public final SqlForeignKey foreignKey;
    /** The column dropped, altered or renamed, or the constraint dropped; null for ADD and RENAME TO. */
    public final SqlIdentifier column;
    public final boolean ifExists;
    /** The new default (SET DEFAULT only): a literal or a context variable such as CURRENT_TIMESTAMP. */
    public final SqlNode defaultValue;
    /** The new name of the table (RENAME TO) or of the column (RENAME COLUMN). */
    public final SqlIdentifier newName;
    /** The column's new type (SET DATA TYPE only). */
    public final SqlDataTypeSpec type;
    /** The changes to an identity column's sequence (ALTER_IDENTITY only): RESTART and sequence options. */
    public final SequenceOptions identityOptions;
    /** The primary key added (ADD PRIMARY KEY only). */
    public final SqlKeyConstraint primaryKey;
    /** The check constraint added (ADD_CHECK only). */
    public final SqlCheckConstraint check;

    private SqlAlterTable(SqlParserPos pos, SqlIdentifier table, boolean tableIfExists, Action action,
                          SqlColumnDeclaration added, SqlIdentifier column, boolean ifExists, SqlNode defaultValue,
                          SqlIdentifier newName, SqlForeignKey foreignKey, SqlDataTypeSpec type,
                          SequenceOptions identityOptions, SqlKeyConstraint primaryKey) {
        this(pos, table, tableIfExists, action, added, column, ifExists, defaultValue, newName, foreignKey, type,
                identityOptions, primaryKey, null);
    }

    private SqlAlterTable(SqlParserPos pos, SqlIdentifier table, boolean tableIfExists, Action action,
                          SqlColumnDeclaration added, SqlIdentifier column, boolean ifExists, SqlNode defaultValue,
                          SqlIdentifier newName, SqlForeignKey foreignKey, SqlDataTypeSpec type,
                          SequenceOptions identityOptions, SqlKeyConstraint primaryKey, SqlCheckConstraint check) {
        super(OPERATOR, pos);
        this.check = check;
        this.tableIfExists = tableIfExists;
        this.foreignKey = foreignKey;
        this.table = table;
        this.action = action;
        this.added = added;
        this.column = column;
        this.ifExists = ifExists;
        this.defaultValue = defaultValue;
        this.newName = newName;
        this.type = type;
        this.identityOptions = identityOptions;
        this.primaryKey = primaryKey;
    }

    public static SqlAlterTable addColumn(SqlParserPos pos, SqlIdentifier table, SqlColumnDeclaration column) {
        return new SqlAlterTable(pos, table, false, Action.ADD_COLUMN, column, null, false, null,
                null, null, null, null, null);
    }

    public static SqlAlterTable dropColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                           boolean ifExists) {
        return new SqlAlterTable(pos, table, false, Action.DROP_COLUMN, null, column, ifExists, null,
                null, null, null, null, null);
    }

    /** {@code ALTER COLUMN column SET DEFAULT value}. */
    public static SqlAlterTable setDefault(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                           SqlNode value) {
        return new SqlAlterTable(pos, table, false, Action.SET_DEFAULT, null, column, false, value,
                null, null, null, null, null);
    }

    /** {@code ALTER COLUMN column DROP DEFAULT}, {@code SET NOT NULL} or {@code DROP NOT NULL}. */
    public static SqlAlterTable alterColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                            Action action) {
        return new SqlAlterTable(pos, table, false, action, null, column, false, null, null, null, null, null, null);
    }

    /** {@code RENAME TO newName} (column null) or {@code RENAME COLUMN column TO newName}. */
    public static SqlAlterTable rename(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                       SqlIdentifier newName) {
        Action action = column == null ? Action.RENAME_TABLE : Action.RENAME_COLUMN;
        return new SqlAlterTable(pos, table, false, action, null, column, false, null, newName, null, null, null, null);
    }

    /** {@code ADD [CONSTRAINT n] FOREIGN KEY (cols) REFERENCES ...}. */
    public static SqlAlterTable addForeignKey(SqlParserPos pos, SqlIdentifier table, SqlForeignKey foreignKey) {
        return new SqlAlterTable(pos, table, false, Action.ADD_FOREIGN_KEY, null, null, false, null,
                null, foreignKey, null, null, null);
    }

    /** {@code ADD [CONSTRAINT n] PRIMARY KEY (cols)}: a table without one is keyed on those columns. */
    public static SqlAlterTable addPrimaryKey(SqlParserPos pos, SqlIdentifier table, SqlKeyConstraint primaryKey) {
        return new SqlAlterTable(pos, table, false, Action.ADD_PRIMARY_KEY, null, null, false, null, null, null, null,
                null, primaryKey);
    }

    /** {@code ADD [CONSTRAINT n] CHECK (condition)}. */
    public static SqlAlterTable addCheck(SqlParserPos pos, SqlIdentifier table, SqlCheckConstraint check) {
        return new SqlAlterTable(pos, table, false, Action.ADD_CHECK, null, null, false, null, null, null, null, null,
                null, check);
    }

    /** {@code DROP CONSTRAINT [IF EXISTS] name}. */
    public static SqlAlterTable dropConstraint(SqlParserPos pos, SqlIdentifier table, SqlIdentifier name,
                                               boolean ifExists) {
        return new SqlAlterTable(pos, table, false, Action.DROP_CONSTRAINT, null, name, ifExists, null,
                null, null, null, null, null);
    }

    /** The same statement, as {@code ALTER TABLE IF EXISTS}. */
    public SqlAlterTable ifTableExists() {
        return new SqlAlterTable(getParserPosition(), table, true, action, added, column, ifExists, defaultValue,
                newName, foreignKey, type, identityOptions, primaryKey, check);
    }

    /** {@code ALTER COLUMN column [SET DATA] TYPE type}. */
    public static SqlAlterTable setType(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                        SqlDataTypeSpec type) {
        return new SqlAlterTable(pos, table, false, Action.SET_TYPE, null, column, false, null, null, null, type,
                null, null);
    }

    /** {@code ALTER COLUMN column RESTART [WITH n] | SET INCREMENT BY n ...}: an identity column's sequence. */
    public static SqlAlterTable alterIdentity(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column,
                                              SequenceOptions options) {
        return new SqlAlterTable(pos, table, false, Action.ALTER_IDENTITY, null, column, false, null, null, null,
                null, options, null);
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> out = new ArrayList<>();
        out.add(table);
        for (SqlNode n : new SqlNode[] {added, foreignKey, column, defaultValue, newName, type, primaryKey, check}) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        if (tableIfExists) {
            writer.keyword("IF EXISTS");
        }
        table.unparse(writer, 0, 0);
        switch (action) {
            case ADD_COLUMN:
                writer.keyword(action.sql);
                added.unparse(writer, 0, 0);
                return;
            case ADD_FOREIGN_KEY:
                writer.keyword(action.sql);
                foreignKey.unparse(writer, 0, 0);
                return;
            case ADD_PRIMARY_KEY:
                writer.keyword(action.sql);
                primaryKey.unparse(writer, 0, 0);
                return;
            case ADD_CHECK:
                writer.keyword(action.sql);
                check.unparse(writer, 0, 0);
                return;
            case DROP_COLUMN: case DROP_CONSTRAINT:
                writer.keyword(action.sql);
                if (ifExists) {
                    writer.keyword("IF EXISTS");
                }
                column.unparse(writer, 0, 0);
                return;
            case RENAME_TABLE:
                writer.keyword(action.sql);
                newName.unparse(writer, 0, 0);
                return;
            case RENAME_COLUMN:
                writer.keyword(action.sql);
                column.unparse(writer, 0, 0);
                writer.keyword("TO");
                newName.unparse(writer, 0, 0);
                return;
            case ALTER_IDENTITY:
                writer.keyword("ALTER COLUMN");
                column.unparse(writer, 0, 0);
                writer.print(identityOptions.toString());
                return;
            default:
                writer.keyword("ALTER COLUMN");
                column.unparse(writer, 0, 0);
                writer.keyword(action.sql);
                if (type != null) {
                    type.unparse(writer, 0, 0);
                }
                if (defaultValue != null) {
                    defaultValue.unparse(writer, 0, 0);
                }
        }
    }
}
