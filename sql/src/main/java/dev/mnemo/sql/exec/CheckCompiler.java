package dev.mnemo.sql.exec;

import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.check.CheckDef;
import dev.mnemo.sql.check.RowCheck;
import dev.mnemo.sql.plan.CheckedArithmetic;
import dev.mnemo.sql.plan.MnemoRexBuilder;
import dev.mnemo.sql.plan.MnemoTypeFactory;
import dev.mnemo.sql.plan.NarrowingCasts;
import dev.mnemo.sql.plan.PaddedChars;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * The conditions of check constraints as SQL: the one text Mnemo keeps of each (canonical, its columns unqualified),
 * the columns it names, and its compiled form. A condition is validated as the select list of a query on its table
 * alone, with Mnemo's rewrites of a statement's (checked arithmetic, CHAR comparisons), and compiled to code that reads
 * one row; it must be a BOOLEAN, deterministic, without subqueries, aggregates, window functions or parameters.
 */
final class CheckCompiler {
    private static final JavaTypeFactory TYPES = new MnemoTypeFactory();
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private CheckCompiler() {
    }

    /**
     * The text kept of check {@code name}'s condition on {@code table}: unparsed in Mnemo's one form, its columns
     * named without their table. What a check cannot hold is refused here (see {@link #refuseUnfit}).
     */
    static String canonical(SqlNode condition, String table, String name) {
        refuseUnfit(condition, name);
        SqlNode unqualified = condition.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                int n = id.names.size();
                boolean own = n == 2 && id.names.get(0).equals(table)
                        || n == 3 && id.names.get(0).equals(MnemoSchema.NAME) && id.names.get(1).equals(table);
                return own ? new SqlIdentifier(id.names.get(n - 1), id.getParserPosition()) : id;
            }
        });
        return unparse(unqualified);
    }

    /** A condition's text with column {@code from} named {@code to}. */
    static String renameColumn(String clause, String from, String to) {
        return unparse(parse(clause).accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.isSimple() && id.getSimple().equals(from) ? new SqlIdentifier(to, id.getParserPosition())
                        : id;
            }
        }));
    }

    /** The names a condition's text refers to columns by, in the order it names them. */
    static Set<String> columns(String clause) {
        return columns(parse(clause));
    }

    /** The names a parsed condition refers to columns by, in the order it names them. */
    static Set<String> columns(SqlNode condition) {
        Set<String> out = new LinkedHashSet<>();
        condition.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                out.add(id.names.get(id.names.size() - 1));
                return null;
            }
        });
        return out;
    }

    private static String unparse(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT).withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false).withIndentation(0)).getSql();
    }

    private static SqlNode parse(String clause) {
        try {
            return SqlParser.create(clause, SqlDatabase.PARSER).parseExpression();
        } catch (SqlParseException e) {
            throw SqlErrors.parse(e, clause);
        }
    }

    /**
     * Refuses a condition with parameters (42000), a subquery (0A000), or NEXT VALUE FOR (42000, a check must be
     * deterministic); the other functions are judged once the condition is typed ({@link #compile}).
     */
    private static void refuseUnfit(SqlNode condition, String name) {
        condition.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                throw new SqlError("42000", "check constraint " + name + " cannot have parameters (?)");
            }

            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect || call.getKind().belongsTo(SqlKind.QUERY)) {
                    throw new SqlError("0A000", "check constraint " + name + ": subqueries are not supported in a "
                            + "check constraint");
                }
                if (call.getKind() == SqlKind.NEXT_VALUE || call.getKind() == SqlKind.CURRENT_VALUE) {
                    throw notDeterministic(name, "NEXT VALUE FOR");
                }
                return super.visit(call);
            }
        });
    }

    private static SqlError notDeterministic(String name, String what) {
        return new SqlError("42000", "check constraint " + name + " must be deterministic, and " + what
                + " is not: a check gives every member and every later write the same verdict");
    }

    /**
     * Validates a declared condition as {@link #compile} does, on the nodes the statement was parsed to, so that an
     * error (a column the table lacks) is reported where the statement has it rather than where Mnemo's text of the
     * condition would. Call it once the condition's text and name are made: validation may rewrite the nodes.
     */
    static void validate(TableSchema schema, String name, SqlNode condition) {
        SqlSelect q = (SqlSelect) query(schema.name(), "TRUE");
        q.setSelectList(SqlNodeList.of(condition));
        FunctionAliases.standIn(q);
        new Typed(schema, name, q);
    }

    /**
     * Compiles check {@code check} for the version {@code schema} of its table. A condition that names anything but
     * the table's columns fails as a query naming it would (42S22); one that is no BOOLEAN with 42804; an aggregate,
     * a window function or a function whose value varies (RAND, CURRENT_TIMESTAMP) with 42000.
     */
    static RowCheck compile(TableSchema schema, CheckDef check) {
        refuseUnfit(parse(check.clause()), check.name());
        SqlNode q = query(schema.name(), check.clause());
        FunctionAliases.standIn(q);
        Typed typed = new Typed(schema, check.name(), q);
        VolcanoPlanner planner = new VolcanoPlanner();
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptCluster cluster = RelOptCluster.create(planner, new MnemoRexBuilder(typed.types));
        SqlToRelConverter converter = new MnemoConverter((rowType, sql, schemaPath, viewPath) -> {
            throw new IllegalStateException("a check constraint reads no view");
        }, typed.validator, typed.reader, cluster, NarrowingCasts.INSTANCE,
                SqlToRelConverter.config().withExpand(false));
        RelNode rel = converter.convertQuery(typed.validated, false, true).project();
        rel = CheckedArithmetic.apply(PaddedChars.apply(rel, cluster.getRexBuilder()), cluster.getRexBuilder());
        if (!(rel instanceof Project p) || !(p.getInput() instanceof TableScan)) {
            throw new IllegalStateException("check constraint " + check.name() + " converts to " + rel);
        }
        RexNode condition = p.getProjects().get(0);
        refuseVarying(condition, check.name());
        Function1<DataContext, Object[]> code = RexExecutorImpl.getExecutable(cluster.getRexBuilder(),
                List.of(condition), p.getInput().getRowType()).getFunction();
        return row -> Boolean.FALSE.equals(code.apply(new RowContext(row))[0]);
    }

    /**
     * A condition's query ({@code SELECT (condition) FROM table}) validated against the table alone: a condition that
     * fails validation fails with its error, named by the check; an aggregate with 42000, one that is no BOOLEAN with
     * 42804.
     */
    private static final class Typed {
        final JavaTypeFactory types = new MnemoTypeFactory();
        final CalciteCatalogReader reader;
        final SqlValidator validator;
        final SqlNode validated;

        Typed(TableSchema schema, String name, SqlNode query) {
            CalciteSchema root = CalciteSchema.createRootSchema(false, false);
            Map<String, Table> tables = Map.of(schema.name(), MnemoTable.detached(schema));
            root.add(MnemoSchema.NAME, new AbstractSchema() {
                @Override
                protected Map<String, Table> getTableMap() {
                    return tables;
                }
            });
            reader = new CalciteCatalogReader(root, List.of(MnemoSchema.NAME), types, SqlDatabase.CONNECTION_CONFIG);
            validator = SqlDatabase.validator(reader, types);
            try {
                validated = validator.validate(query);
            } catch (RuntimeException e) {
                java.sql.SQLException why = SqlErrors.toSqlException(e);
                throw new SqlError(why.getSQLState(), "check constraint " + name + " of table " + schema.name()
                        + ": " + why.getMessage(), e);
            }
            if (validator.isAggregate((SqlSelect) validated)) {
                throw new SqlError("42000", "check constraint " + name + " cannot use an aggregate function: it "
                        + "judges one row");
            }
            RelDataType type = validator.getValidatedNodeType(validated).getFieldList().get(0).getType();
            if (type.getSqlTypeName() != SqlTypeName.BOOLEAN) {
                throw new SqlError("42804", "check constraint " + name + " must be a condition (BOOLEAN), not "
                        + type.getSqlTypeName());
            }
        }
    }

    /** {@code SELECT (clause) FROM table}, parsed. */
    private static SqlNode query(String table, String clause) {
        String sql = "SELECT (" + clause + ") FROM \"" + table.replace("\"", "\"\"") + "\"";
        try {
            return SqlParser.create(sql, SqlDatabase.PARSER).parseQuery();
        } catch (SqlParseException e) {
            throw SqlErrors.parse(e, sql);
        }
    }

    /** Refuses window functions and functions whose value varies from one call, or one member, to another. */
    private static void refuseVarying(RexNode condition, String name) {
        condition.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                SqlOperator op = call.getOperator();
                if (!op.isDeterministic() || op.isDynamicFunction()) {
                    throw notDeterministic(name, op.getName().toUpperCase(Locale.ROOT));
                }
                return super.visitCall(call);
            }

            @Override
            public Void visitOver(RexOver over) {
                throw new SqlError("42000", "check constraint " + name + " cannot use a window function: it judges "
                        + "one row");
            }

            @Override
            public Void visitSubQuery(RexSubQuery subQuery) {
                throw new SqlError("0A000", "check constraint " + name + ": subqueries are not supported in a check "
                        + "constraint");
            }
        });
    }

    /** What the compiled condition reads: the row, as its input record; nothing else varies. */
    private record RowContext(Object[] row) implements DataContext {
        @Override
        public SchemaPlus getRootSchema() {
            return null;
        }

        @Override
        public JavaTypeFactory getTypeFactory() {
            return TYPES;
        }

        @Override
        public QueryProvider getQueryProvider() {
            return null;
        }

        @Override
        public Object get(String name) {
            if ("inputRecord".equals(name)) {
                return row;
            }
            if (Variable.TIME_ZONE.camelName.equals(name)) {
                return UTC;
            }
            return Variable.LOCALE.camelName.equals(name) ? Locale.ROOT : null;
        }
    }
}
