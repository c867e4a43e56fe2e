package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One column of {@code CREATE TABLE} or {@code ALTER TABLE ADD}: name, type and inline constraints. */
public final class SqlColumnDeclaration extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);
    /** The parse error of a column declared an identity column twice over. */
    public static final String IDENTITY_TWICE = "a column is declared an identity column twice (GENERATED ... AS "
            + "IDENTITY, AUTO_INCREMENT or a SERIAL type)";
    /** PostgreSQL's serial types (and their aliases), each an identity column of an integer type. */
    private static final Map<String, SqlTypeName> SERIALS = Map.of(
            "SMALLSERIAL", SqlTypeName.SMALLINT, "SERIAL2", SqlTypeName.SMALLINT,
            "SERIAL", SqlTypeName.INTEGER, "SERIAL4", SqlTypeName.INTEGER,
            "BIGSERIAL", SqlTypeName.BIGINT, "SERIAL8", SqlTypeName.BIGINT);

    public final SqlIdentifier name;
    public final SqlDataTypeSpec type;
    public final boolean nullable;
    /** A literal, a context variable (refused when the column is made), or null when the column has no default. */
    public final SqlNode defaultValue;
    public final boolean primaryKey;
    public final boolean unique;
    /** {@code ALWAYS} or {@code BY DEFAULT} for an identity column, else null. */
    public final String generation;
    /** The options of an identity column's sequence (null when the column is no identity column). */
    public final SequenceOptions identityOptions;
    /** The column's {@code REFERENCES parent [(col)] ...}, as a foreign key on this column; null if none. */
    public final SqlForeignKey references;
    /** The column's {@code [CONSTRAINT n] CHECK (condition)}s, which may name other columns too; none if empty. */
    public final List<SqlCheckConstraint> checks;

    public SqlColumnDeclaration(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean nullable,
                                SqlNode defaultValue, boolean primaryKey, boolean unique, String generation,
                                SequenceOptions identityOptions, SqlForeignKey references) {
        this(pos, name, type, nullable, defaultValue, primaryKey, unique, generation, identityOptions, references,
                List.of());
    }

    private SqlColumnDeclaration(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean nullable,
                                 SqlNode defaultValue, boolean primaryKey, boolean unique, String generation,
                                 SequenceOptions identityOptions, SqlForeignKey references,
                                 List<SqlCheckConstraint> checks) {
        super(pos);
        this.checks = List.copyOf(checks);
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.defaultValue = defaultValue;
        this.primaryKey = primaryKey;
        this.unique = unique;
        this.generation = generation;
        this.identityOptions = identityOptions;
        this.references = references == null ? null : references.onColumn(name);
    }

    /** The integer type a serial type ({@code SERIAL}, {@code BIGSERIAL}, ...) numbers; null for any other type. */
    public static SqlDataTypeSpec serialBase(SqlDataTypeSpec type) {
        if (!(type.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec) || !type.getTypeName().isSimple()) {
            return null;
        }
        SqlTypeName base = SERIALS.get(type.getTypeName().getSimple().toUpperCase(Locale.ROOT));
        SqlParserPos pos = type.getParserPosition();
        return base == null ? null : new SqlDataTypeSpec(new SqlBasicTypeNameSpec(base, pos), pos);
    }

    /** The same column with these checks. */
    public SqlColumnDeclaration withChecks(List<SqlCheckConstraint> columnChecks) {
        return new SqlColumnDeclaration(getParserPosition(), name, type, nullable, defaultValue, primaryKey, unique,
                generation, identityOptions, references, columnChecks);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> out = new ArrayList<>();
        out.add(name);
        out.add(type);
        if (defaultValue != null) {
            out.add(defaultValue);
        }
        return out;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (!nullable) {
            writer.keyword("NOT NULL");
        }
        if (defaultValue != null) {
            writer.keyword("DEFAULT");
            defaultValue.unparse(writer, 0, 0);
        }
        if (generation != null) {
            writer.keyword("GENERATED " + generation + " AS IDENTITY");
            String options = identityOptions.toString();
            if (!options.isEmpty()) {
                writer.print("(" + options + ")");
            }
        }
        if (primaryKey) {
            writer.keyword("PRIMARY KEY");
        }
        if (unique) {
            writer.keyword("UNIQUE");
        }
        if (references != null) {
            references.unparse(writer, 0, 0);
        }
        for (SqlCheckConstraint check : checks) {
            check.unparse(writer, 0, 0);
        }
    }
}
