package dev.mnemo.sql.exec;

import dev.mnemo.engine.ActionValidator;
import dev.mnemo.engine.CheckViolationException;
import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.cluster.Membership;
import dev.mnemo.sql.infoschema.InformationSchema;
import dev.mnemo.sql.infoschema.SystemTable;
import dev.mnemo.sql.parser.LockingClause;
import dev.mnemo.sql.parser.SqlScript;
import dev.mnemo.sql.parser.SqlTransactionControl;
import dev.mnemo.sql.parser.impl.MnemoSqlParserImpl;
import dev.mnemo.sql.plan.CheckedArithmetic;
import dev.mnemo.sql.plan.CheckedSum;
import dev.mnemo.sql.plan.MergeParameters;
import dev.mnemo.sql.plan.MnemoLookupJoin;
import dev.mnemo.sql.plan.MnemoRexBuilder;
import dev.mnemo.sql.plan.HeldRowsMetadata;
import dev.mnemo.sql.plan.MnemoRules;
import dev.mnemo.sql.plan.MnemoTableModify;
import dev.mnemo.sql.plan.MnemoTableScan;
import dev.mnemo.sql.plan.MnemoTypeFactory;
import dev.mnemo.sql.plan.NarrowingCasts;
import dev.mnemo.sql.plan.PaddedChars;
import dev.mnemo.sql.plan.ScanLimits;
import dev.mnemo.sql.plan.SequenceCalls;
import dev.mnemo.sql.plan.SequenceDraws;
import dev.mnemo.sql.plan.SetDefaults;
import dev.mnemo.sql.plan.UnneededSorts;
import dev.mnemo.sql.plan.UuidFunctions;
import dev.mnemo.sql.plan.UuidKeyOrder;
import dev.mnemo.sql.plan.UuidOrder;
import dev.mnemo.sql.plan.ValuesAsData;
import dev.mnemo.sql.plan.WriteCasts;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.SqlTypes;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;
import dev.mnemo.sql.view.Views;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Programs;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * SQL over one engine database: parses (Calcite's grammar extended with Mnemo's DDL), validates against the
 * live catalog, plans with Calcite's rules plus Mnemo's key-access and DML rules, compiles the plan to Java,
 * and caches compiled statements by SQL text. Shared by every connection to the database; thread-safe.
 */
public final class SqlDatabase {
    /** The plan cache's default size, in statements. */
    public static final int PLAN_CACHE_STATEMENTS_DEFAULT = 1000;
    /** WHEN branches of one CASE (counting those of the CASEs nested in it) allowed by default. */
    public static final int CASE_WHEN_BRANCHES_DEFAULT = CaseBranches.WHEN_BRANCHES_MAX_DEFAULT;

    static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(MnemoSqlParserImpl.FACTORY)
            .withUnquotedCasing(Casing.TO_UPPER)
            .withQuotedCasing(Casing.TO_UPPER)
            .withIdentifierMaxLength(128)
            .withConformance(SqlConformanceEnum.LENIENT);

    static final CalciteConnectionConfig CONNECTION_CONFIG = connectionConfig();
    /** The views the statement being compiled on this thread reads, for its plan to be re-made when one changes. */
    private static final ThreadLocal<List<ViewDef>> VIEWS_READ = new ThreadLocal<>();
    /** The views whose queries are being typed on this thread: one met again refers to itself. */
    private static final ThreadLocal<Set<String>> VIEWS_OPEN = ThreadLocal.withInitial(HashSet::new);
    /**
     * Calcite's operators, the one NEXT VALUE FOR becomes (see {@link SequenceCalls}) and the marks of a MERGE's
     * clauses (see {@link MergeClauses}).
     */
    private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlOperatorTables.of(SequenceCalls.NEXT_VALUE, MergeClauses.WHEN, MergeClauses.THEN), UuidFunctions.TABLE,
            LibraryFunctions.TABLE);

    private final Mnemo db;
    private final MnemoSchema schema;
    private final InformationSchema informationSchema;
    private final Membership membership;
    private final Sequences sequences;
    private final Views views;
    private final Checks checks;
    private final CalciteSchema rootSchema;
    private final Map<String, CompiledStatement> cache;
    private final int planCacheStatementsMax;
    private final int caseWhenBranchesMax;

    public SqlDatabase(Mnemo db, int planCacheStatementsMax) {
        this(db, planCacheStatementsMax, CASE_WHEN_BRANCHES_DEFAULT);
    }

    /**
     * SQL over {@code db}, keeping at most {@code planCacheStatementsMax} compiled statements and refusing (54001) a
     * statement with a CASE of more than {@code caseWhenBranchesMax} WHEN branches, whose code takes time to
     * generate that grows much faster than its branches.
     */
    public SqlDatabase(Mnemo db, int planCacheStatementsMax, int caseWhenBranchesMax) {
        this(db, planCacheStatementsMax, caseWhenBranchesMax, Membership.single(db));
    }

    /** As above, for a cluster member: {@code membership} tells SQL about the member's cluster. */
    public SqlDatabase(Mnemo db, int planCacheStatementsMax, int caseWhenBranchesMax, Membership membership) {
        this(db, planCacheStatementsMax, caseWhenBranchesMax, CheckCompiler::compile, membership);
    }

    /** As above, with check constraints compiled by {@code checkCompiler}: tests interleave a change with it. */
    SqlDatabase(Mnemo db, int planCacheStatementsMax, int caseWhenBranchesMax, Checks.Compiler checkCompiler) {
        this(db, planCacheStatementsMax, caseWhenBranchesMax, checkCompiler, Membership.single(db));
    }

    private SqlDatabase(Mnemo db, int planCacheStatementsMax, int caseWhenBranchesMax, Checks.Compiler checkCompiler,
                        Membership membership) {
        if (planCacheStatementsMax < 0) {
            throw new IllegalArgumentException("planCacheStatementsMax must be >= 0, got " + planCacheStatementsMax);
        }
        if (caseWhenBranchesMax < 1) {
            throw new IllegalArgumentException("caseWhenBranchesMax must be >= 1, got " + caseWhenBranchesMax);
        }
        this.caseWhenBranchesMax = caseWhenBranchesMax;
        this.db = db;
        this.sequences = new Sequences(db);
        this.views = new Views(db, SqlDatabase::parseQuery);
        this.checks = new Checks(db, checkCompiler);
        db.validateActions(new ActionValidator() {
            @Override
            public void validate(TableSchema table, Object[] row) {
                verifyRewritten(table, row);
            }

            @Override
            public void prepare(TableSchema table) {
                checks.prepare(table);
            }
        });
        checks.prepareAll();
        this.schema = new MnemoSchema(db, sequences, views, checks, this::viewRowType);
        this.rootSchema = CalciteSchema.createRootSchema(false, false);
        rootSchema.add(MnemoSchema.NAME, schema);
        this.membership = membership;
        this.informationSchema = new InformationSchema(schema, membership);
        rootSchema.add(InformationSchema.NAME, informationSchema);
        // Other databases' type names a statement may use (CAST(x AS TEXT), INT8, ...): a type's name is looked up
        // from the root, whatever the default schema.
        SqlTypes.aliases().forEach((name, type) -> rootSchema.add(name, RelDataTypeImpl.proto(type, true)));
        this.planCacheStatementsMax = planCacheStatementsMax;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledStatement> eldest) {
                return size() > SqlDatabase.this.planCacheStatementsMax;
            }
        };
    }

    /**
     * Checks a child row that a foreign key's action rewrites, on the engine's applier thread: whatever the check
     * throws becomes the engine's typed error (23514 for a row it is FALSE for), which fails the parent's change on
     * every member alike instead of escaping the apply.
     */
    private void verifyRewritten(TableSchema table, Object[] row) {
        try {
            checks.verifyRewritten(table, row);
        } catch (MnemoException e) {
            throw e;
        } catch (RuntimeException e) {
            SQLException why = SqlErrors.toSqlException(e);
            throw "23514".equals(why.getSQLState()) ? new CheckViolationException(why.getMessage())
                    : new MnemoException(why.getSQLState(), why.getMessage(), e);
        }
    }

    private static CalciteConnectionConfig connectionConfig() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.TO_UPPER.name());
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), Casing.TO_UPPER.name());
        return new CalciteConnectionConfigImpl(p);
    }

    public Mnemo db() {
        return db;
    }

    public MnemoSchema schema() {
        return schema;
    }

    /** The read-only tables that describe the catalog to SQL. */
    public InformationSchema informationSchema() {
        return informationSchema;
    }

    /** The cluster this database's member belongs to (a cluster of one for a database on its own). */
    public Membership membership() {
        return membership;
    }

    /** The database's sequences (their values are reserved per member: see {@link Sequences}). */
    public Sequences sequences() {
        return sequences;
    }

    /** The database's views. */
    public Views views() {
        return views;
    }

    /** The database's check constraints. */
    public Checks checks() {
        return checks;
    }

    /** The compiled statement for this SQL text: from the cache while its tables are unchanged, else compiled. */
    public CompiledStatement prepare(String sql) {
        CompiledStatement c;
        synchronized (cache) {
            c = cache.get(sql);
        }
        if (c != null && c.isCurrent(schema, sequences)) {
            return c;
        }
        c = compile(sql);
        if (c.plan != null) {
            synchronized (cache) {
                cache.put(sql, c);
            }
        }
        return c;
    }

    /**
     * Whether a compiled statement may still run: its tables have not been altered or dropped since, and its
     * sequences have the types it was planned with.
     */
    public boolean isCurrent(CompiledStatement c) {
        return c.isCurrent(schema, sequences);
    }

    /**
     * Compiles a statement without looking at the cache. A statement too large or too deeply nested for the
     * planner's recursion or for the JVM's limits on generated code fails with 54001.
     */
    public CompiledStatement compile(String sql) {
        VIEWS_READ.set(new ArrayList<>());
        try {
            return compileText(sql);
        } catch (StackOverflowError e) {
            throw new SqlError("54001", "statement too complex: it nests too deeply to compile (long chains of "
                    + "operators, or thousands of VALUES rows or IN items that are expressions)", e);
        } finally {
            VIEWS_READ.remove();
        }
    }

    private static CompiledStatement.Kind transactionKind(SqlTransactionControl.Action action) {
        switch (action) {
            case COMMIT: return CompiledStatement.Kind.COMMIT;
            case ROLLBACK: return CompiledStatement.Kind.ROLLBACK;
            case BEGIN: case SET_TRANSACTION: return CompiledStatement.Kind.TRANSACTION;
            default: return CompiledStatement.Kind.SAVEPOINT;
        }
    }

    /** A query, or the EXPLAIN of one: what a FOR UPDATE clause may follow. */
    private static boolean isQuery(SqlNode node) {
        SqlNode q = node.getKind() == SqlKind.EXPLAIN ? ((SqlExplain) node).getExplicandum() : node;
        return q.getKind().belongsTo(SqlKind.QUERY);
    }

    private CompiledStatement compileText(String sql) {
        SqlNode node;
        String text = LockingClause.strip(sql, PARSER);
        try {
            node = SqlParser.create(text, PARSER).parseStmt();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            if (e.getCause() instanceof StackOverflowError) {
                throw (StackOverflowError) e.getCause(); // see compile
            }
            throw SqlErrors.parse(e, text);
        }
        if (text != sql && !isQuery(node)) {
            throw new SqlError("42000", "FOR UPDATE follows a query (SELECT, VALUES, WITH), not a "
                    + node.getKind());
        }
        CaseBranches.check(node, caseWhenBranchesMax);
        if (node instanceof SqlDdl) {
            return CompiledStatement.ofNode(sql, CompiledStatement.Kind.DDL, node, 0);
        }
        if (Procedures.isCall(node)) {
            Procedures.memberName((SqlCall) node); // refused when prepared, as a statement that does not validate
            return CompiledStatement.ofNode(sql, CompiledStatement.Kind.DDL, node, 0);
        }
        if (node instanceof SqlTransactionControl) {
            return CompiledStatement.ofNode(sql, transactionKind(((SqlTransactionControl) node).action), node, 0);
        }
        if (node instanceof SqlScript) {
            return new CompiledStatement(sql, CompiledStatement.Kind.SCRIPT, node, null, null, List.of(Script.COLUMN),
                    List.of(), List.of(), Map.of(), List.of(), null);
        }
        if (node instanceof SqlDescribeTable) {
            return plan(sql, describe((SqlDescribeTable) node));
        }
        if (node.getKind() == SqlKind.EXPLAIN) {
            SqlNode inner = ((SqlExplain) node).getExplicandum();
            CompiledStatement planned = plan(sql, inner);
            return new CompiledStatement(sql, CompiledStatement.Kind.EXPLAIN, null, planned.plan, planned.stashed,
                    List.of(new ColumnMeta("PLAN", "PLAN", "", org.apache.calcite.sql.type.SqlTypeName.VARCHAR,
                            65536, 0, false)), planned.params, planned.tables, planned.sequenceTypes,
                    planned.views, planned.explain);
        }
        return plan(sql, node);
    }

    /**
     * {@code DESCRIBE [TABLE] t [column]}, as MySQL, Oracle and H2 users type it: the query that lists the columns of
     * the table or view t in order, as INFORMATION_SCHEMA.COLUMNS describes them. An unknown name fails with 42S02.
     */
    private SqlNode describe(SqlDescribeTable statement) {
        List<String> names = statement.getTable().names;
        String name = names.get(names.size() - 1);
        if (schema.visibleTables().stream().noneMatch(t -> t.name().equals(name)) && views.find(name) == null) {
            throw new SqlError("42S02", "no table or view named " + name);
        }
        String column = statement.getColumn() == null ? ""
                : " AND COLUMN_NAME = " + quoted(statement.getColumn().getSimple());
        String query = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,"
                + " IS_NULLABLE, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = "
                + quoted(MnemoSchema.NAME) + " AND TABLE_NAME = " + quoted(name) + column
                + " ORDER BY ORDINAL_POSITION";
        try {
            return SqlParser.create(query, PARSER).parseQuery();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            throw new IllegalStateException("the query that describes table " + name + " does not parse", e);
        }
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A statement validated and converted to relational algebra, with what planning it further needs. */
    private record Converted(SqlValidator validator, SqlNode validated, RelRoot root, RelOptCluster cluster,
                             VolcanoPlanner planner, List<Integer> setToDefault, RelDataType paramTypes,
                             Map<String, ColumnType.Kind> sequenceTypes) {
    }

    /** The statement as the converter gives it, before Mnemo's rewrites and the planner (for tests). */
    RelNode converted(String sql) {
        try {
            return convert(SqlParser.create(sql, PARSER).parseStmt()).root().rel;
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            throw SqlErrors.parse(e, sql);
        }
    }

    private CalciteCatalogReader reader(JavaTypeFactory types) {
        return new CalciteCatalogReader(rootSchema, List.of(MnemoSchema.NAME), types, CONNECTION_CONFIG);
    }

    static SqlValidator validator(CalciteCatalogReader reader, JavaTypeFactory types) {
        return new MnemoValidator(OPERATORS, reader, types,
                SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT).withIdentifierExpansion(true)
                        .withTypeCoercionFactory(MnemoTypeCoercion::new));
    }

    /** NEXT VALUE FOR's calls stood in by the sequences they name, whose types go into {@code sequenceTypes}. */
    private void standInSequences(SqlNode node, Map<String, ColumnType.Kind> sequenceTypes) {
        FunctionAliases.standInNextval(node);
        SequenceCalls.standIn(node, id -> {
            String name = SequenceCalls.sequenceName(id);
            ColumnType.Kind type = Sequences.isReserved(name) ? null : sequences.type(name); // identities' are hidden
            if (type == null) {
                throw Sequences.unknown(name);
            }
            sequenceTypes.put(name, type);
            return new SequenceCalls.Known(name, SqlTypeName.valueOf(type.name()));
        });
    }

    /** The converter of a statement, or of a view's query, whose views' sequences go into {@code sequenceTypes}. */
    private SqlToRelConverter converter(SqlValidator validator, CalciteCatalogReader reader, RelOptCluster cluster,
                                        Map<String, ColumnType.Kind> sequenceTypes) {
        return new MnemoConverter((rowType, query, schemaPath, viewPath) -> expandView(cluster, query, sequenceTypes),
                validator, reader, cluster, NarrowingCasts.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false));
    }

    private Converted convert(SqlNode statement) {
        JavaTypeFactory types = new MnemoTypeFactory();
        CalciteCatalogReader reader = reader(types);
        SqlValidator validator = validator(reader, types);
        SqlNode node = MergeClauses.combine(statement, schema, reader, types);
        Map<String, ColumnType.Kind> sequenceTypes = new HashMap<>();
        standInSequences(node, sequenceTypes);
        refuseReadOnlyTarget(node);
        boolean upsert = node instanceof SqlInsert && ((SqlInsert) node).isUpsert();
        RowIdWrites.apply(node, schema);
        if (node instanceof SqlInsert) {
            checkValuesWidth((SqlInsert) node, reader);
        }
        IdentityWrites.check(node, schema);
        WrittenDatetimes.apply(node, schema);
        List<Integer> setToDefault = SetDefaults.stand(node);
        WindowAggregates.standIn(node);
        FunctionAliases.standIn(node);
        MergeParameters.type(node, reader, types);
        SqlNode rewritten = MergeInserts.rewrite(node, schema);
        List<SqlIdentifier> onColumns = rewritten == node ? List.of() : MergeInserts.unqualifiedOnColumns(node);
        SqlNode validated = validator.validate(rewritten);
        MergeInserts.refuseAmbiguous(onColumns, validated, validator);
        RefusedShapes.check(validated, validator);
        RelDataType paramTypes = validator.getParameterRowType(validated);
        HeldInLists.apply(validated, validator);

        VolcanoPlanner planner = new VolcanoPlanner(Contexts.of(new MnemoRules.Hints(upsert)));
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptUtil.registerDefaultRules(planner, false, false);
        MnemoRules.register(planner);
        planner.setExecutor(MnemoRexBuilder.EXECUTOR);
        RelOptCluster cluster = RelOptCluster.create(planner, new MnemoRexBuilder(types));
        cluster.setMetadataQuerySupplier(HeldRowsMetadata.queries());
        RelRoot root = converter(validator, reader, cluster, sequenceTypes).convertQuery(validated, false, true);
        return new Converted(validator, validated, root, cluster, planner, setToDefault, paramTypes,
                sequenceTypes);
    }

    /**
     * INSERT, UPDATE, DELETE and MERGE on a view fail with 0A000 (views are read-only), on a table of
     * INFORMATION_SCHEMA with 42501 (its tables are computed from the catalog).
     */
    private void refuseReadOnlyTarget(SqlNode node) {
        SqlNode target = node instanceof SqlInsert ? ((SqlInsert) node).getTargetTable()
                : node instanceof SqlUpdate ? ((SqlUpdate) node).getTargetTable()
                : node instanceof SqlDelete ? ((SqlDelete) node).getTargetTable()
                : node instanceof SqlMerge ? ((SqlMerge) node).getTargetTable() : null;
        if (target instanceof SqlCall && ((SqlCall) target).operandCount() > 0) {
            target = ((SqlCall) target).operand(0); // a table with hints or extended columns
        }
        if (target instanceof SqlIdentifier) {
            List<String> names = ((SqlIdentifier) target).names;
            String name = names.get(names.size() - 1);
            if (names.size() > 1 && InformationSchema.named(names.get(names.size() - 2))) {
                throw new SqlError("42501", "cannot " + node.getKind() + " " + InformationSchema.NAME + "." + name
                        + ": " + InformationSchema.NAME + " is read-only");
            }
            if (schema.table(name) == null && views.find(name) != null) {
                throw new SqlError("0A000", "cannot " + node.getKind() + " view " + name + ": views are read-only");
            }
        }
    }

    /** A query's text parsed (a view's); bad syntax fails with 42601. */
    private static SqlNode parseQuery(String query) {
        try {
            return SqlParser.create(query, PARSER).parseQuery();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            throw SqlErrors.parse(e, query);
        }
    }

    /** A view's query parsed and validated against the live catalog, with Mnemo's rewrites of a statement's. */
    private SqlNode validatedQuery(String query, SqlValidator validator, Map<String, ColumnType.Kind> sequenceTypes) {
        SqlNode node = parseQuery(query);
        standInSequences(node, sequenceTypes);
        WindowAggregates.standIn(node);
        FunctionAliases.standIn(node);
        SqlNode validated = validator.validate(node);
        RefusedShapes.check(validated, validator);
        HeldInLists.apply(validated, validator);
        return validated;
    }

    /** A view's query as relational algebra, converted in the cluster of the statement that reads the view. */
    private RelRoot expandView(RelOptCluster cluster, String query, Map<String, ColumnType.Kind> sequenceTypes) {
        JavaTypeFactory types = (JavaTypeFactory) cluster.getTypeFactory();
        CalciteCatalogReader reader = reader(types);
        SqlValidator validator = validator(reader, types);
        SqlNode validated = validatedQuery(query, validator, sequenceTypes);
        // As a statement of its own: a query inside another would lose its ORDER BY, and trip on it.
        return converter(validator, reader, cluster, sequenceTypes).convertQuery(validated, false, true);
    }

    /**
     * The names of the columns a query for view {@code view} gives, validated as a statement would be; a query that
     * reads the view itself, directly or through other views, fails with 42000.
     */
    List<String> queryColumns(String view, String query) {
        return typedQuery(view, query).getFieldNames();
    }

    private RelDataType typedQuery(String view, String query) {
        Set<String> open = VIEWS_OPEN.get();
        if (!open.add(view)) {
            throw new SqlError("42000", "view " + view + " refers to itself");
        }
        try {
            JavaTypeFactory types = new MnemoTypeFactory();
            SqlValidator validator = validator(reader(types), types);
            return validator.getValidatedNodeType(validatedQuery(query, validator, new HashMap<>()));
        } finally {
            open.remove(view);
        }
    }

    /**
     * A view's row type: its query's columns it was made with, found by name, under the view's names. A query that
     * no longer validates (a table or column it reads is gone) fails with that error, naming the view.
     */
    private RelDataType viewRowType(ViewDef view, RelDataTypeFactory types) {
        List<ViewDef> read = VIEWS_READ.get();
        if (read != null) {
            read.add(view);
        }
        RelDataType queried;
        try {
            queried = typedQuery(view.name(), view.query());
        } catch (RuntimeException e) {
            SQLException why = SqlErrors.toSqlException(e);
            throw new SqlError(why.getSQLState(), "view " + view.name() + " cannot be read: " + why.getMessage(), e);
        }
        List<RelDataType> columns = new ArrayList<>();
        for (String c : view.queryColumns()) {
            RelDataTypeField f = queried.getField(c, true, false);
            if (f == null) {
                throw new SqlError("42S22", "view " + view.name() + " cannot be read: its query no longer gives column "
                        + c + " (a column of a table it reads was dropped); make it again with CREATE OR REPLACE VIEW");
            }
            columns.add(types.copyType(f.getType()));
        }
        return types.createStructType(columns, view.columns());
    }

    private CompiledStatement plan(String sql, SqlNode node) {
        Converted c = convert(node);
        RelOptCluster cluster = c.cluster();
        RelRoot root = c.root();
        // An ORDER BY on columns the query does not return is planned with them, and they are dropped after: planned
        // without them, no order is asked of the plan's top, and the planner may merge the projections on either side
        // of the sort into one over an input in another order, giving the sort up.
        RelNode projected = root.project();
        boolean hiddenOrder = projected != root.rel && projected instanceof Project
                && !root.collation.getFieldCollations().isEmpty() && !root.kind.belongsTo(SqlKind.DML);
        RelNode converted = SetDefaults.marked(
                SetDefaults.apply(hiddenOrder ? root.rel : projected, c.setToDefault()));
        Map<Integer, String> written = WriteCasts.writtenParams(converted);
        RelNode logical = UuidOrder.apply(ValuesAsData.apply(CheckedArithmetic.apply(
                PaddedChars.apply(WriteCasts.relax(converted), cluster.getRexBuilder()), cluster.getRexBuilder())));
        // One order to deliver: a row of constants (VALUES) is sorted on every column and carries each of those
        // orders as a trait; asking for all of them at once is a request the planner cannot convert.
        RelTraitSet desired = logical.getTraitSet().replace(EnumerableConvention.INSTANCE).simplify();
        boolean unordered = root.collation.getFieldCollations().isEmpty();
        if (unordered) {
            // No ORDER BY: no order to deliver, though the converted statement carries the key order of an
            // ordered_set's full scan (see UnneededSorts).
            desired = desired.replace(RelCollations.EMPTY);
        }
        RelNode physical = Programs.standard().run(c.planner(), logical, desired, List.of(), List.of());
        if (hiddenOrder) {
            physical = EnumerableCalc.create(physical, RexProgram.create(physical.getRowType(),
                    ((Project) projected).getProjects(), null, projected.getRowType(), cluster.getRexBuilder()));
        }
        RelNode best = SequenceDraws.apply(
                ScanLimits.apply(UuidKeyOrder.apply(CheckedSum.apply(unordered ? UnneededSorts.apply(physical)
                        : physical))));

        Map<String, Object> stashed = new HashMap<>();
        Bindable<?> bindable = bind(stashed, (EnumerableRel) best);
        boolean dml = root.kind.belongsTo(SqlKind.DML);
        return new CompiledStatement(sql, dml ? CompiledStatement.Kind.DML : CompiledStatement.Kind.QUERY, null,
                bindable, stashed, columns(c.validator(), c.validated(), root),
                params(c.paramTypes(), RowCounts.of(c.validated()), written), tablesOf(best), c.sequenceTypes(),
                viewsRead(), RelOptUtil.toString(best));
    }

    /** The plan compiled to Java; 54001 when its code outgrows what the JVM allows in one method or class. */
    private static Bindable<?> bind(Map<String, Object> stashed, EnumerableRel plan) {
        try {
            return EnumerableInterpretable.toBindable(stashed, null, plan, EnumerableRel.Prefer.ARRAY);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof StackOverflowError) {
                    throw (StackOverflowError) c; // see compile
                }
                // Janino's InternalCompilerException (Janino is a run-time dependency of Calcite only).
                if (String.valueOf(c.getMessage()).contains("grows beyond 64 KB")) {
                    throw new SqlError("54001", "statement too complex: its compiled code exceeds the JVM's limit of "
                            + "64 KB for a method (thousands of VALUES rows or IN items that are not all literals and "
                            + "parameters, do)", e);
                }
            }
            throw e;
        }
    }

    /**
     * Refuses an INSERT ... VALUES without a column list whose rows have more values than the table has columns
     * (fewer are allowed: the rest take their defaults). The validator would fail on it with an index error.
     */
    private static void checkValuesWidth(SqlInsert insert, CalciteCatalogReader reader) {
        if (insert.getTargetColumnList() != null || insert.getSource().getKind() != SqlKind.VALUES
                || !(insert.getTargetTable() instanceof SqlIdentifier)) {
            return;
        }
        Prepare.PreparingTable table = reader.getTable(((SqlIdentifier) insert.getTargetTable()).names);
        if (table == null) {
            return; // the validator reports the unknown table
        }
        int columns = table.getRowType().getFieldCount();
        for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
            int values = row instanceof SqlCall && row.getKind() == SqlKind.ROW ? ((SqlCall) row).operandCount() : 1;
            if (values > columns) {
                throw new SqlError("42000", "INSERT INTO " + insert.getTargetTable() + " gives " + values
                        + " values in a row, but the table has " + columns + " columns");
            }
        }
    }

    /**
     * The column a result column is read straight from, as its table declares it (origin: schema, table, column),
     * or null for a computed column or a view's.
     */
    private ColumnDef declared(List<String> origin) {
        if (origin == null || origin.size() < 2) {
            return null;
        }
        int n = origin.size();
        String schemaName = n >= 3 ? origin.get(n - 3) : MnemoSchema.NAME;
        List<ColumnDef> columns = null;
        if (InformationSchema.named(schemaName)) {
            SystemTable t = informationSchema.table(origin.get(n - 2));
            columns = t == null ? null : t.columns();
        } else if (MnemoSchema.NAME.equals(schemaName)) {
            MnemoTable t = schema.table(origin.get(n - 2));
            columns = t == null ? null : t.schema().columns();
        }
        for (int i = 0; columns != null && i < columns.size(); i++) {
            if (columns.get(i).name().equals(origin.get(n - 1))) {
                return columns.get(i);
            }
        }
        return null;
    }

    /** A column's precision; for text and binary read straight from a table, its declared length. */
    private static int declaredLength(ColumnDef declared, RelDataType t) {
        if (declared != null && (declared.type().kind() == ColumnType.Kind.VARCHAR
                || declared.type().kind() == ColumnType.Kind.VARBINARY)) {
            return declared.type().length();
        }
        return Math.max(t.getPrecision(), 0);
    }

    private List<ColumnMeta> columns(SqlValidator validator, SqlNode validated, RelRoot root) {
        List<ColumnMeta> out = new ArrayList<>();
        List<List<String>> origins = root.kind.belongsTo(SqlKind.DML) ? null : validator.getFieldOrigins(validated);
        boolean outerJoin = hasOuterJoin(validated);
        List<RelDataTypeField> fields = root.validatedRowType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            RelDataTypeField f = fields.get(i);
            List<String> origin = origins == null || i >= origins.size() ? null : origins.get(i);
            String table = origin != null && origin.size() >= 2 ? origin.get(origin.size() - 2) : "";
            String column = origin != null && !origin.isEmpty() ? origin.get(origin.size() - 1) : f.getName();
            RelDataType t = f.getType();
            ColumnDef declared = declared(origin);
            int precision = isDatetime(t) ? datetimeLength(t) : declaredLength(declared, t);
            // Row types keep every column nullable (the engine, not the planner, enforces NOT NULL with its own
            // error), so a column read straight from a table is as its table declares it.
            boolean nullable = t.isNullable() && (outerJoin || declared == null || declared.nullable());
            out.add(new ColumnMeta(f.getName(), column, table, t.getSqlTypeName(),
                    precision, scale(t), nullable));
        }
        return out;
    }

    /** Whether a query has an outer join anywhere, which can make any column it reads NULL. */
    private static boolean hasOuterJoin(SqlNode node) {
        boolean[] found = {false};
        node.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
            @Override
            public Void visit(org.apache.calcite.sql.SqlCall call) {
                if (call instanceof org.apache.calcite.sql.SqlJoin join
                        && join.getJoinType() != org.apache.calcite.sql.JoinType.INNER
                        && join.getJoinType() != org.apache.calcite.sql.JoinType.COMMA
                        && join.getJoinType() != org.apache.calcite.sql.JoinType.CROSS) {
                    found[0] = true;
                }
                return found[0] ? null : super.visit(call);
            }
        });
        return found[0];
    }

    private static List<ParamMeta> params(RelDataType paramTypes, Map<Integer, RowCounts.Clause> rowCounts,
                                          Map<Integer, String> written) {
        List<ParamMeta> out = new ArrayList<>();
        for (RelDataTypeField f : paramTypes.getFieldList()) {
            RelDataType t = f.getType();
            int precision = isDatetime(t) ? datetimeLength(t) : Math.max(t.getPrecision(), 0);
            out.add(new ParamMeta(t.getSqlTypeName(), precision, scale(t), rowCounts.get(out.size()),
                    written.get(out.size())));
        }
        return out;
    }

    private static boolean isDatetime(RelDataType t) {
        SqlTypeName name = t.getSqlTypeName();
        return name == SqlTypeName.TIME || name == SqlTypeName.TIMESTAMP
                || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    }

    /** A TIME's or TIMESTAMP's length as text, which JDBC calls its precision. */
    private static int datetimeLength(RelDataType t) {
        return dev.mnemo.sql.schema.SqlTypes.datetimeLength(t.getSqlTypeName(), Math.max(t.getPrecision(), 0));
    }

    /** The scale JDBC reports: a DECIMAL's, or the fractional digits of a TIME or TIMESTAMP. */
    private static int scale(RelDataType t) {
        return Math.max(isDatetime(t) ? t.getPrecision() : t.getScale(), 0);
    }

    private static List<ViewDef> viewsRead() {
        List<ViewDef> read = VIEWS_READ.get();
        return read == null ? List.of() : read;
    }

    private static List<TableSchema> tablesOf(RelNode plan) {
        List<TableSchema> out = new ArrayList<>();
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                if (node instanceof MnemoTableScan) {
                    out.add(((MnemoTableScan) node).mnemoTable().schema());
                } else if (node instanceof MnemoLookupJoin) {
                    out.add(((MnemoLookupJoin) node).mnemoTable().schema());
                } else if (node instanceof MnemoTableModify) {
                    out.add(node.getTable().unwrapOrThrow(MnemoTable.class).schema());
                }
                super.visit(node, ordinal, parent);
            }
        }.go(plan);
        return out;
    }

    /** Root schema for data contexts (generated code seldom looks at it). */
    org.apache.calcite.schema.SchemaPlus rootSchema() {
        return rootSchema.plus();
    }
}
