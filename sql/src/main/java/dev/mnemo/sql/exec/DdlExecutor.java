package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.KeyChangedException;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.UnknownIndexException;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.check.CheckDef;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.infoschema.InformationSchema;
import dev.mnemo.sql.parser.SqlAlterSequence;
import dev.mnemo.sql.parser.SqlAlterTable;
import dev.mnemo.sql.parser.SqlColumnDeclaration;
import dev.mnemo.sql.parser.SqlCreateIndex;
import dev.mnemo.sql.parser.SqlCreateSequence;
import dev.mnemo.sql.parser.SqlCreateTable;
import dev.mnemo.sql.parser.SqlCreateView;
import dev.mnemo.sql.parser.SqlDropIndex;
import dev.mnemo.sql.parser.SqlDropSequence;
import dev.mnemo.sql.parser.SqlDropTable;
import dev.mnemo.sql.parser.SqlDropView;
import dev.mnemo.sql.parser.SqlForeignKey;
import dev.mnemo.sql.parser.SqlKeyConstraint;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.RowIds;
import dev.mnemo.sql.schema.SqlTypes;
import dev.mnemo.sql.sequence.SequenceDef;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.Views;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Carries out Mnemo's DDL statements as engine catalog changes. */
final class DdlExecutor {
    /** The longest name of a table or sequence, the engine's limit. */
    private static final int NAME_CHARS_MAX = 128;

    private DdlExecutor() {
    }

    static void execute(SqlDatabase database, SqlNode node) {
        Mnemo db = database.db();
        if (node instanceof SqlCreateTable) {
            createTable(database, (SqlCreateTable) node);
        } else if (node instanceof SqlDropTable) {
            SqlDropTable d = (SqlDropTable) node;
            TableDrop.drop(database, tableName(d.name), d.ifExists, d.cascade);
        } else if (node instanceof SqlCreateIndex) {
            createIndex(db, (SqlCreateIndex) node);
        } else if (node instanceof SqlDropIndex) {
            dropIndex(db, (SqlDropIndex) node);
        } else if (node instanceof SqlAlterTable) {
            alterTable(db, database.sequences(), database.views(), database.checks(), (SqlAlterTable) node);
        } else if (node instanceof SqlCreateSequence) {
            createSequence(database, (SqlCreateSequence) node);
        } else if (node instanceof SqlAlterSequence) {
            SqlAlterSequence a = (SqlAlterSequence) node;
            database.sequences().alter(objectName(a.name), a.options, a.ifExists);
        } else if (node instanceof SqlDropSequence) {
            SqlDropSequence d = (SqlDropSequence) node;
            refuseDropOfDefault(db, objectName(d.name));
            database.sequences().drop(objectName(d.name), d.ifExists, false);
        } else if (node instanceof SqlCreateView) {
            createView(database, (SqlCreateView) node);
        } else if (node instanceof SqlDropView) {
            SqlDropView d = (SqlDropView) node;
            database.views().drop(upper(objectName(d.name)), d.ifExists, d.cascade);
        } else if (Procedures.isCall(node)) {
            Procedures.call(database, (SqlCall) node);
        } else {
            throw new SqlError("0A000", "statement not supported: " + node.getKind());
        }
    }

    /**
     * A sequence that a column's default draws from is not dropped while that default is in place (2BP01, naming
     * the table and column): rows written without a value there would have nothing to take.
     */
    private static void refuseDropOfDefault(Mnemo db, String sequence) {
        for (TableSchema t : db.tables()) {
            for (ColumnDef c : t.columns()) {
                if (sequence.equals(c.sequenceDefault())) {
                    throw new SqlError("2BP01", "cannot drop sequence " + sequence + ": column " + c.name()
                            + " of table " + t.name() + " takes its next value as its default; drop that default"
                            + " first (ALTER TABLE " + t.name() + " ALTER COLUMN " + c.name() + " DROP DEFAULT)");
                }
            }
        }
    }

    /** A table's name; those starting with MNEMO$ are Mnemo's own (42000). */
    private static String tableName(SqlIdentifier id) {
        String name = objectName(id);
        if (Sequences.isReserved(name)) {
            throw new SqlError("42000", "table names starting with " + Sequences.RESERVED_PREFIX
                    + " are reserved for Mnemo's own tables: " + name);
        }
        return name;
    }

    /** The name of a table or sequence in the one schema; INFORMATION_SCHEMA's cannot change (42501). */
    private static String objectName(SqlIdentifier id) {
        if (id.names.size() == 2 && InformationSchema.named(id.names.get(0))) {
            throw new SqlError("42501", InformationSchema.NAME + " is read-only: " + id + " cannot be made, changed "
                    + "or dropped");
        }
        if (id.names.size() > 2 || (id.names.size() == 2 && !id.names.get(0).equalsIgnoreCase(MnemoSchema.NAME))) {
            throw new SqlError("3F000", "no schema " + id.names.subList(0, id.names.size() - 1)
                    + " (the only schema is " + MnemoSchema.NAME + ")");
        }
        return id.names.get(id.names.size() - 1);
    }

    private static void createTable(SqlDatabase database, SqlCreateTable c) {
        Mnemo db = database.db();
        if (c.getReplace()) {
            throw new SqlError("0A000", "CREATE OR REPLACE TABLE is not supported");
        }
        String name = tableName(c.name);
        TableDef def = TableDef.named(name);
        SqlColumnDeclaration identity = null;
        List<String> key = new ArrayList<>();
        List<IndexDef> uniques = new ArrayList<>();
        for (SqlNode e : c.elements) {
            if (e instanceof SqlColumnDeclaration) {
                SqlColumnDeclaration col = (SqlColumnDeclaration) e;
                def.column(columnDef(col, database.sequences()));
                if (col.generation != null) {
                    if (identity != null) {
                        throw new SqlError("42000", "table " + name + " has two identity columns, "
                                + identity.name.getSimple() + " and " + col.name.getSimple() + "; it may have one");
                    }
                    identity = col;
                }
                if (col.primaryKey) {
                    addKey(key, List.of(col.name.getSimple()));
                }
                if (col.unique) {
                    String column = col.name.getSimple();
                    uniques.add(IndexDef.hash(name + "_" + column + "_UNIQUE", column).unique());
                }
                if (col.references != null) {
                    def.foreignKey(foreignKeyDef(col.references));
                }
            } else if (e instanceof SqlForeignKey) {
                def.foreignKey(foreignKeyDef((SqlForeignKey) e));
            } else if (e instanceof SqlKeyConstraint) {
                SqlKeyConstraint k = (SqlKeyConstraint) e;
                if (k.primaryKey) {
                    addKey(key, k.columnNames());
                } else {
                    String ixName = k.name != null ? k.name.getSimple()
                            : name + "_" + String.join("_", k.columnNames()) + "_UNIQUE";
                    uniques.add(IndexDef.of(ixName, k.columnNames(), true, false));
                }
            }
        }
        for (SqlNode e : c.elements) {
            if (e instanceof SqlColumnDeclaration && key.contains(((SqlColumnDeclaration) e).name.getSimple())
                    && defaultsToNull((SqlColumnDeclaration) e)) {
                throw new SqlError("42000", "column " + ((SqlColumnDeclaration) e).name.getSimple()
                        + " is in the primary key and cannot have DEFAULT NULL: a key column is never NULL");
            }
        }
        uniques.forEach(def::index);
        applyOptions(def, c.options);
        for (ForeignKeyDef fk : def.foreignKeys()) {
            checkReference(db, def.name(), key.isEmpty(), fk);
        }
        if (key.isEmpty()) {
            keyByRowId(database, def);
        } else {
            def.primaryKey(key.toArray(new String[0]));
        }
        if (c.ifNotExists && db.engine().catalog().find(upper(name)) != null) {
            return; // the table is left as it is, and so are its checks, which this statement's need not compile
        }
        List<CheckDef> checks = CheckDdl.declared(database, c, def);
        if (identity == null) {
            CheckDdl.create(database, def, c.ifNotExists, noSequenceOrViewNamed(upper(name)), checks);
        } else {
            createWithIdentity(database, def, identity, c.ifNotExists, checks);
        }
    }

    /**
     * Makes the table of {@code CREATE TABLE t AS query}: a column for each of the query's ({@code columns}), named
     * and typed as the query gives it, nullable, and no primary key. Returns its name, or null when it exists and
     * IF NOT EXISTS leaves it as it is. The caller copies the rows.
     */
    static String createTableAs(SqlDatabase database, SqlCreateTable c, List<ColumnMeta> columns) {
        if (c.getReplace()) {
            throw new SqlError("0A000", "CREATE OR REPLACE TABLE is not supported");
        }
        Mnemo db = database.db();
        String name = tableName(c.name);
        if (db.engine().catalog().find(name) != null) {
            if (c.ifNotExists) {
                return null;
            }
            throw new SqlError("42S01", "table " + name + " already exists");
        }
        TableDef def = TableDef.named(name);
        for (ColumnMeta m : columns) {
            if (RowIds.isRowId(m.label())) {
                throw new SqlError("42000", "a column cannot be named " + RowIds.COLUMN + ": name the query's column "
                        + "otherwise (AS)");
            }
            boolean datetime = m.type() == SqlTypeName.TIME || m.type() == SqlTypeName.TIMESTAMP
                    || m.type() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            ColumnType type = SqlTypes.columnType(m.type(), datetime ? m.scale() : m.precision() > 0 ? m.precision()
                    : -1, m.scale());
            if (type == null) {
                throw new SqlError("0A000", "column " + m.label() + " of the query is of type " + m.type()
                        + ", which a table cannot hold");
            }
            def.column(ColumnDef.of(m.label(), type));
        }
        applyOptions(def, c.options);
        keyByRowId(database, def);
        db.createTable(def, false, noSequenceOrViewNamed(upper(name)));
        return def.name();
    }

    /**
     * Keys a table declared without a primary key by its hidden row id ({@link RowIds}), whose sequence is made with
     * the first such table. A bag needs a key to group its rows by (42000).
     */
    private static void keyByRowId(SqlDatabase database, TableDef def) {
        if (def.kind() == TableKind.BAG) {
            throw new SqlError("42000", "table " + def.name() + " is a bag and needs a PRIMARY KEY: a bag keeps "
                    + "several rows under each key");
        }
        def.column(RowIds.column()).primaryKey(RowIds.COLUMN);
        Sequences sequences = database.sequences();
        if (!sequences.exists(RowIds.SEQUENCE)) {
            sequences.create(new SequenceDef(RowIds.SEQUENCE, ColumnType.Kind.BIGINT, 1, 1, 1, Long.MAX_VALUE, false,
                    RowIds.CACHE), true, null, tx -> { });
        }
    }

    /**
     * The precondition of creating table {@code table}: no sequence or view has its name. The engine orders the
     * creation with these reads, so one of that name made by another member first refuses the table on every member.
     */
    private static Consumer<Transaction> noSequenceOrViewNamed(String table) {
        return Sequences.noSequenceNamed("table", table).andThen(Views.noViewNamed("table", table));
    }

    /**
     * Creates a table with an identity column: its sequence first, owned by the column, so that no statement ever
     * sees the table without it; the sequence goes again if the table cannot be made.
     */
    private static void createWithIdentity(SqlDatabase database, TableDef def, SqlColumnDeclaration column,
                                           boolean ifNotExists, List<CheckDef> checks) {
        Mnemo db = database.db();
        Sequences sequences = database.sequences();
        String table = upper(def.name());
        if (db.engine().catalog().find(table) != null) {
            if (ifNotExists) {
                return;
            }
            throw new SqlError("42S01", "table " + table + " already exists");
        }
        String sequence = Sequences.identityName(table);
        if (sequence.length() > NAME_CHARS_MAX) {
            throw new SqlError("42000", "table " + table + " cannot have an identity column: its name is longer than "
                    + (NAME_CHARS_MAX - Sequences.IDENTITY_PREFIX.length()) + " characters");
        }
        SequenceDef checked = identityDef(table, column);
        sequences.drop(sequence, true, true); // left over if a member stopped between dropping a table and this
        sequences.create(new SequenceDef(sequence, checked.type(), checked.start(), checked.increment(),
                        checked.minValue(), checked.maxValue(), checked.cycle(), checked.cache()), false,
                new Sequences.Owner(table, upper(column.name.getSimple()), column.generation), tx -> { });
        try {
            CheckDdl.create(database, def, ifNotExists, noSequenceOrViewNamed(table), checks);
        } catch (RuntimeException e) {
            sequences.drop(sequence, true, true);
            throw e;
        }
    }

    /** The identity column's sequence as its options define it; on a type other than an integer one, 42000. */
    private static SequenceDef identityDef(String table, SqlColumnDeclaration column) {
        String name = table + "." + upper(column.name.getSimple());
        ColumnType type = columnType(column.type);
        ColumnType.Kind kind = type.kind();
        boolean integer = kind == ColumnType.Kind.BIGINT || kind == ColumnType.Kind.INTEGER
                || kind == ColumnType.Kind.SMALLINT;
        if (!integer || type.isTinyint()) {
            throw new SqlError("42000", "identity column " + name + " cannot be of type " + column.type
                    + ": an identity column is BIGINT, INTEGER or SMALLINT");
        }
        return SequenceDef.of("of identity column " + name, kind.name(), column.identityOptions);
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** The engine's form of a parsed foreign key; SET DEFAULT is not supported (0A000). */
    private static ForeignKeyDef foreignKeyDef(SqlForeignKey fk) {
        return ForeignKeyDef.of(fk.name == null ? null : fk.name.getSimple(), SqlForeignKey.names(fk.columns),
                tableName(fk.parent), SqlForeignKey.names(fk.parentColumns), action(fk.onDelete, "DELETE"),
                action(fk.onUpdate, "UPDATE"));
    }

    private static void addForeignKey(Mnemo db, String table, ForeignKeyDef fk) {
        checkReference(db, table, RowIds.isKeyless(db.schema(table)), fk);
        db.addForeignKey(table, fk);
    }

    /**
     * A foreign key never compares a hidden row id ({@link RowIds}, 42000), and one that names no columns references
     * its parent's primary key, which a table keyed by its row id does not have (42830).
     */
    private static void checkReference(Mnemo db, String table, boolean tableKeyless, ForeignKeyDef fk) {
        if (fk.columns().stream().anyMatch(RowIds::isRowId) || fk.parentColumns().stream().anyMatch(RowIds::isRowId)) {
            throw new SqlError("42000", "a foreign key cannot compare " + RowIds.COLUMN + ", the hidden row id of a "
                    + "table without a primary key");
        }
        if (!fk.parentColumns().isEmpty()) {
            return;
        }
        String parent = fk.parentTable();
        TableSchema ps = db.engine().catalog().find(parent) == null ? null : db.schema(parent);
        boolean keyless = parent.equalsIgnoreCase(table) ? tableKeyless : ps != null && RowIds.isKeyless(ps);
        if (keyless) {
            throw new SqlError("42830", "table " + upper(parent) + " has no primary key for a foreign key to "
                    + "reference: name the columns of one of its unique indexes");
        }
    }

    private static ForeignKeyAction action(String sql, String event) {
        if (sql == null) {
            return ForeignKeyAction.NO_ACTION;
        }
        for (ForeignKeyAction a : ForeignKeyAction.values()) {
            if (a.sql().equals(sql)) {
                return a;
            }
        }
        throw new SqlError("0A000", "ON " + event + " " + sql + " is not supported: a foreign key takes NO ACTION, "
                + "RESTRICT, CASCADE or SET NULL");
    }

    private static void addKey(List<String> key, List<String> columns) {
        if (!key.isEmpty()) {
            throw new SqlError("42000", "a table has one PRIMARY KEY; found a second one on " + columns);
        }
        key.addAll(columns);
    }

    private static void applyOptions(TableDef def, SqlNodeList options) {
        for (int i = 0; i + 1 < options.size(); i += 2) {
            String option = ((SqlIdentifier) options.get(i)).getSimple().toUpperCase(Locale.ROOT);
            SqlNode v = options.get(i + 1);
            String value = (v instanceof SqlIdentifier ? ((SqlIdentifier) v).getSimple()
                    : ((SqlLiteral) v).getValueAs(String.class)).toUpperCase(Locale.ROOT);
            switch (option) {
                case "KIND":
                    def.kind(enumValue(TableKind.class, value, option));
                    break;
                case "STORAGE":
                    def.storage(enumValue(Storage.class, value, option));
                    break;
                default:
                    throw new SqlError("42000", "unknown table option " + option + " (known: KIND, STORAGE)");
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new SqlError("42000", "option " + option + " cannot be '" + value.toLowerCase(Locale.ROOT)
                    + "'; it is one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    static ColumnDef columnDef(SqlColumnDeclaration col, Sequences sequences) {
        if (RowIds.isRowId(col.name.getSimple())) {
            throw new SqlError("42000", "a column cannot be named " + RowIds.COLUMN + ": it is the name of the hidden "
                    + "row id of a table without a primary key");
        }
        if (col.generation != null && col.defaultValue != null) {
            throw new SqlError("42000", "column " + col.name.getSimple() + " is an identity column and cannot also "
                    + "have a DEFAULT");
        }
        if (!col.nullable && defaultsToNull(col)) {
            throw new SqlError("42000", "column " + col.name.getSimple() + " is NOT NULL and cannot have DEFAULT NULL");
        }
        checkTimePrecision(col.type, col.name.getSimple());
        ColumnType type = columnType(col.type);
        ColumnDef def = ColumnDef.of(col.name.getSimple(), type);
        if (!col.nullable || col.generation != null) {
            def = def.notNull();
        }
        if (col.defaultValue != null) {
            def = ColumnDefaults.withDefault(def, col.defaultValue, sequences);
        }
        return def;
    }

    /** Whether the column declares {@code DEFAULT NULL}, which contradicts NOT NULL and a primary key. */
    private static boolean defaultsToNull(SqlColumnDeclaration col) {
        return col.defaultValue instanceof SqlLiteral
                && ((SqlLiteral) col.defaultValue).getTypeName() == SqlTypeName.NULL;
    }

    /**
     * TIME and TIMESTAMP keep at most milliseconds: a finer declared precision would be cut silently, so it is
     * refused. A precision of 0 to 3 is the column's, and the values written to it are rounded to it.
     */
    private static void checkTimePrecision(SqlDataTypeSpec spec, String column) {
        if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec)) {
            return; // not a type Mnemo stores: columnType says so
        }
        SqlBasicTypeNameSpec t = (SqlBasicTypeNameSpec) spec.getTypeNameSpec();
        String name = t.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        if (name.equals(SqlTypeName.TIMESTAMP_TZ.name())
                || name.equals(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE.name())) {
            name = "TIMESTAMP"; // WITH TIME ZONE: its precision is a TIMESTAMP's
        }
        if ((name.equals("TIME") || name.equals("TIMESTAMP")) && t.getPrecision() > SqlTypes.TIME_PRECISION) {
            throw new SqlError("0A000", name + "(" + t.getPrecision() + ") of column "
                    + column + ": Mnemo keeps datetimes to the millisecond, "
                    + "at most precision " + SqlTypes.TIME_PRECISION);
        }
    }

    /**
     * The engine's type of a column's declared type, which may be another database's name of it (see
     * {@link SqlTypes#aliasOf}).
     */
    private static ColumnType columnType(SqlDataTypeSpec spec) {
        if (spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec
                && spec.getTypeNameSpec().getTypeName().isSimple()) {
            SqlTypeName alias = SqlTypes.aliasOf(spec.getTypeNameSpec().getTypeName().getSimple());
            if (alias != null) {
                return SqlTypes.columnType(alias, -1, -1);
            }
        }
        if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec)) {
            throw new SqlError("0A000", "type " + spec + " is not supported");
        }
        SqlBasicTypeNameSpec t = (SqlBasicTypeNameSpec) spec.getTypeNameSpec();
        SqlTypeName name = SqlTypeName.get(t.getTypeName().getSimple().toUpperCase(Locale.ROOT));
        ColumnType type = name == null ? null : SqlTypes.columnType(name, t.getPrecision(), t.getScale());
        if (type == null) {
            throw new SqlError("0A000", "type " + t.getTypeName().getSimple() + " is not supported; Mnemo stores "
                    + java.util.Arrays.toString(ColumnType.Kind.values()));
        }
        return type;
    }

    private static void createSequence(SqlDatabase database, SqlCreateSequence c) {
        if (c.getReplace()) {
            throw new SqlError("0A000", "CREATE OR REPLACE SEQUENCE is not supported");
        }
        String name = ownName("sequence", c.name);
        String type = c.type == null ? null : c.type.getTypeNameSpec().getTypeName().toString();
        database.sequences().create(SequenceDef.of(name, type, c.options), c.ifNotExists, null,
                Views.noViewNamed("sequence", name));
    }

    /** The upper-case name of a new sequence or view; those starting with MNEMO$ are Mnemo's own (42000). */
    private static String ownName(String kind, SqlIdentifier id) {
        String name = upper(objectName(id));
        if (Sequences.isReserved(name)) {
            throw new SqlError("42000", kind + " names starting with " + Sequences.RESERVED_PREFIX
                    + " are reserved for Mnemo: " + name);
        }
        return name;
    }

    /**
     * Stores a view after validating its query as a statement would be (an unknown table fails with 42S02, an unknown
     * column with 42S22). Views share their names with tables and sequences (42S01, checked where the log orders the
     * view: see {@link Views#create}).
     */
    private static void createView(SqlDatabase database, SqlCreateView c) {
        String name = ownName("view", c.name);
        if (hasParameters(c.query)) {
            throw new SqlError("42000", "view " + name + ": a view's query cannot have parameters (?)");
        }
        List<String> queryColumns = database.queryColumns(name, c.queryText);
        List<String> columns = queryColumns;
        if (c.columns != null) {
            columns = new ArrayList<>();
            for (SqlNode n : c.columns) {
                columns.add(((SqlIdentifier) n).getSimple());
            }
            if (columns.size() != queryColumns.size()) {
                throw new SqlError("42000", "view " + name + " names " + columns.size() + " columns, but its query "
                        + "gives " + queryColumns.size());
            }
        }
        if (new java.util.HashSet<>(columns).size() != columns.size()) {
            throw new SqlError("42000", "view " + name + " would have two columns of one name: " + columns
                    + "; name them in a column list or with AS");
        }
        database.views().create(name, columns, queryColumns, c.queryText, c.getReplace(), c.ifNotExists);
    }

    private static boolean hasParameters(SqlNode query) {
        boolean[] found = {false};
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                found[0] = true;
                return null;
            }
        });
        return found[0];
    }

    private static void createIndex(Mnemo db, SqlCreateIndex c) {
        List<String> cols = new ArrayList<>();
        for (SqlNode n : c.columns) {
            cols.add(((SqlIdentifier) n).getSimple());
        }
        String method = c.method == null ? "ORDERED" : c.method.getSimple().toUpperCase(Locale.ROOT);
        if (!method.equals("ORDERED") && !method.equals("HASH")) {
            throw new SqlError("42000", "index method " + method + " is unknown; use HASH or ORDERED");
        }
        IndexDef ix = IndexDef.of(c.name.getSimple(), cols, c.unique, method.equals("ORDERED"));
        db.createIndex(tableName(c.table), ix, c.ifNotExists);
    }

    private static void dropIndex(Mnemo db, SqlDropIndex d) {
        String index = d.name.getSimple();
        if (d.table != null) {
            db.dropIndex(tableName(d.table), index, d.ifExists);
            return;
        }
        List<String> holders = new ArrayList<>();
        for (TableSchema s : db.tables()) {
            if (s.findIndex(index) >= 0) {
                holders.add(s.name());
            }
        }
        if (holders.isEmpty()) {
            if (!d.ifExists) {
                throw new UnknownIndexException("no index named " + index.toUpperCase(Locale.ROOT));
            }
            return;
        }
        if (holders.size() > 1) {
            throw new SqlError("42000", "index " + index + " exists on tables " + holders + "; say DROP INDEX "
                    + index + " ON <table>");
        }
        db.dropIndex(holders.get(0), index, d.ifExists);
    }

    private static void alterTable(Mnemo db, Sequences sequences, Views views, Checks checks, SqlAlterTable a) {
        String table = tableName(a.table);
        if (a.tableIfExists && db.engine().catalog().find(table) == null) {
            return;
        }
        refuseRowId(a);
        switch (a.action) {
            case ADD_COLUMN:
                addColumn(db, sequences, table, a.added);
                CheckDdl.addColumnChecks(checks, db, table, a.added);
                return;
            case DROP_COLUMN: dropColumn(db, sequences, checks, table, a.column.getSimple(), a.ifExists); return;
            case RENAME_TABLE: renameTable(db, sequences, views, checks, table, tableName(a.newName)); return;
            case RENAME_COLUMN:
                renameColumn(db, sequences, checks, table, a.column.getSimple(), a.newName.getSimple());
                return;
            case ADD_FOREIGN_KEY: addForeignKey(db, table, foreignKeyDef(a.foreignKey)); return;
            case ADD_PRIMARY_KEY: addPrimaryKey(db, table, a.primaryKey.columnNames()); return;
            case ADD_CHECK: CheckDdl.add(checks, db, table, List.of(a.check)); return;
            case DROP_CONSTRAINT: dropConstraint(db, checks, table, a.column.getSimple(), a.ifExists); return;
            case SET_TYPE:
                setType(db, sequences, table, a.column.getSimple(), a.type,
                        CheckDdl.refuseRetype(checks, db.schema(table), a.column.getSimple()));
                return;
            case ALTER_IDENTITY:
                sequences.alterIdentity(identityOf(db, sequences, table, a), a.identityOptions);
                return;
            default: alterColumn(db, sequences, table, a);
        }
    }

    /**
     * {@code ADD [CONSTRAINT n] PRIMARY KEY (cols)}: a table without one is re-keyed on those columns, and its hidden
     * row id ({@link RowIds}) goes, in one schema change ({@link Mnemo#setPrimaryKey}); as in CREATE TABLE, the key
     * keeps no name of its own. A table that has a primary key keeps it (42P16).
     */
    private static void addPrimaryKey(Mnemo db, String table, List<String> columns) {
        TableSchema schema = db.schema(table);
        if (!RowIds.isKeyless(schema)) {
            throw hasPrimaryKey(schema, null);
        }
        if (columns.stream().anyMatch(RowIds::isRowId)) {
            throw new SqlError("42000", "column " + RowIds.COLUMN + " is the hidden row id of table " + schema.name()
                    + ", which goes when the table gets a primary key: the key names columns of the table's own");
        }
        try {
            db.setPrimaryKey(table, columns, RowIds.COLUMN);
        } catch (KeyChangedException e) {
            throw hasPrimaryKey(db.schema(table), e); // another statement gave the table its key first
        }
    }

    private static SqlError hasPrimaryKey(TableSchema schema, Throwable cause) {
        return new SqlError("42P16", "table " + schema.name() + " already has a primary key "
                + schema.primaryKeyNames() + ", and a table has one", cause);
    }

    /** The hidden row id of a table without a primary key cannot be dropped, renamed or changed (42000). */
    private static void refuseRowId(SqlAlterTable a) {
        boolean column = a.action != SqlAlterTable.Action.DROP_CONSTRAINT && a.column != null
                && RowIds.isRowId(a.column.getSimple());
        boolean renamedTo = a.action == SqlAlterTable.Action.RENAME_COLUMN && RowIds.isRowId(a.newName.getSimple());
        if (column || renamedTo) {
            throw new SqlError("42000", "column " + RowIds.COLUMN + " is the hidden row id of a table without a "
                    + "primary key: it cannot be dropped, renamed or changed");
        }
    }

    /**
     * {@code DROP CONSTRAINT n}: a foreign key of that name, else the unique index a UNIQUE constraint made, else a
     * check; none is 42704 (unless IF EXISTS). A primary key cannot be dropped.
     */
    private static void dropConstraint(Mnemo db, Checks checks, String table, String name, boolean ifExists) {
        TableSchema schema = db.schema(table);
        if (schema.findForeignKey(name) >= 0) {
            db.dropForeignKey(table, name);
        } else if (schema.findIndex(name) >= 0 && schema.indexes().get(schema.findIndex(name)).isUnique()) {
            db.dropIndex(table, name);
        } else if (!checks.drop(schema.name(), upper(name)) && !ifExists) {
            throw new SqlError("42704", "table " + schema.name() + " has no constraint " + upper(name));
        }
    }

    private static void addColumn(Mnemo db, Sequences sequences, String table, SqlColumnDeclaration added) {
        if (added.generation != null) {
            throw new SqlError("0A000", "cannot add identity column " + added.name.getSimple() + " to table "
                    + table + ": an identity column is declared in CREATE TABLE");
        }
        if (added.primaryKey) {
            throw new SqlError("0A000", "cannot add a PRIMARY KEY column to an existing table");
        }
        db.addColumn(table, columnDef(added, sequences));
        if (added.unique) {
            String col = added.name.getSimple();
            db.createIndex(table, IndexDef.hash(table + "_" + col + "_UNIQUE", col).unique());
        }
        if (added.references != null) {
            try {
                addForeignKey(db, table, foreignKeyDef(added.references));
            } catch (RuntimeException e) {
                db.dropColumn(table, added.name.getSimple()); // the statement changes nothing if it fails
                throw e;
            }
        }
    }

    private static void dropColumn(Mnemo db, Sequences sequences, Checks checks, String table, String column,
                                   boolean ifExists) {
        if (ifExists && !db.schema(table).hasColumn(column)) {
            return;
        }
        CheckDdl.dropColumn(checks, db, table, column);
        Sequences.Identity identity = sequences.identity(upper(table));
        if (identity != null && identity.owner().column().equalsIgnoreCase(column)) {
            sequences.drop(identity.sequence(), true, true);
        }
    }

    /**
     * {@code RENAME TO u}: a name a table, sequence or view has fails with 42S01. The identity sequence and the
     * checks follow the table in the rename's own log record ({@link Sequences#moveIdentity(Transaction, String,
     * String, String)}), so that no write is ordered between the two.
     */
    private static void renameTable(Mnemo db, Sequences sequences, Views views, Checks checks, String table,
                                    String newName) {
        String from = db.schema(table).name();
        String to = upper(newName);
        if (sequences.exists(to)) {
            throw new SqlError("42S01", "cannot rename table " + from + " to " + to + ": a sequence has that name");
        }
        if (views.find(to) != null) {
            throw new SqlError("42S01", "cannot rename table " + from + " to " + to + ": a view has that name");
        }
        Sequences.Identity identity = sequences.identity(from);
        if (identity == null) {
            db.renameTable(from, to, checks.renamed(from, to));
            return;
        }
        String owner = identity.owner().column();
        db.renameTable(from, to, checks.renamed(from, to)
                .andThen(tx -> Sequences.moveIdentity(tx, from, to, owner)));
        sequences.forget(identity);
    }

    /**
     * {@code RENAME [COLUMN] c TO d}: a name another column has fails with 42S21; an identity column stays one, and
     * the table's checks name the column anew in the rename's own step of the log.
     */
    private static void renameColumn(Mnemo db, Sequences sequences, Checks checks, String table, String column,
                                     String newName) {
        TableSchema schema = db.schema(table);
        String from = schema.column(schema.position(column)).name();
        String to = upper(newName);
        Sequences.Identity identity = sequences.identity(schema.name());
        boolean owns = identity != null && identity.owner().column().equals(from) && !schema.hasColumn(to);
        if (owns) {
            sequences.moveIdentity(schema.name(), schema.name(), to);
        }
        try {
            CheckDdl.renameColumn(checks, db, schema, from, to);
        } catch (RuntimeException e) {
            if (owns) {
                sequences.moveIdentity(schema.name(), schema.name(), from);
            }
            throw e;
        }
    }

    /**
     * {@code ALTER COLUMN c [SET DATA] TYPE t}: the engine converts every row ({@link Mnemo#setColumnType}), if
     * {@code guard} (the table's checks, see {@link CheckDdl#refuseRetype}) lets it where it is ordered. An identity
     * column keeps the type of its sequence (0A000).
     */
    private static void setType(Mnemo db, Sequences sequences, String table, String column, SqlDataTypeSpec spec,
                                Consumer<Transaction> guard) {
        checkTimePrecision(spec, column);
        ColumnType type = columnType(spec);
        Sequences.Identity identity = sequences.identity(db.schema(table).name());
        if (identity != null && identity.owner().column().equalsIgnoreCase(column)) {
            throw new SqlError("0A000", "column " + column + " of table " + table + " is an identity column: its type"
                    + " is its sequence's, and cannot change");
        }
        TableSchema schema = db.schema(table);
        ColumnDef current = schema.column(schema.position(column));
        if (current.sequenceDefault() != null) {
            ColumnDefaults.checkSequenceFits(sequences, current.sequenceDefault(), type, current.name());
        }
        db.setColumnType(table, column, type, guard);
    }

    /** The identity of table {@code table} whose column the statement names; 42000 if that column is not one. */
    private static Sequences.Identity identityOf(Mnemo db, Sequences sequences, String table, SqlAlterTable a) {
        TableSchema schema = db.schema(table);
        String column = schema.column(schema.position(a.column.getSimple())).name();
        Sequences.Identity identity = sequences.identity(schema.name());
        if (identity == null || !identity.owner().column().equals(column)) {
            throw new SqlError("42000", "column " + column + " of table " + schema.name() + " is not an identity"
                    + " column: it has no sequence to restart or change");
        }
        return identity;
    }

    /**
     * {@code ALTER COLUMN c SET DEFAULT | DROP DEFAULT | SET NOT NULL | DROP NOT NULL}. An identity column's default
     * is its sequence and it is never NULL: neither can be changed (42000).
     */
    private static void alterColumn(Mnemo db, Sequences sequences, String table, SqlAlterTable a) {
        TableSchema schema = db.schema(table);
        ColumnDef column = schema.column(schema.position(a.column.getSimple()));
        Sequences.Identity identity = sequences.identity(upper(table));
        if (a.action != SqlAlterTable.Action.SET_NOT_NULL && identity != null
                && identity.owner().column().equalsIgnoreCase(column.name())) {
            throw new SqlError("42000", "column " + column.name() + " of table " + table + " is an identity column:"
                    + " its default and NOT NULL cannot be changed");
        }
        switch (a.action) {
            case SET_DEFAULT: {
                ColumnDef wanted = ColumnDefaults.withDefault(ColumnDef.of(column.name(), column.type()),
                        a.defaultValue, sequences);
                if (wanted.sequenceDefault() != null) {
                    db.setColumnSequenceDefault(table, column.name(), wanted.sequenceDefault());
                } else if (wanted.randomUuidDefault()) {
                    db.setColumnRandomUuidDefault(table, column.name());
                } else if (wanted.timeDefault() != null) {
                    db.setColumnDefault(table, column.name(), wanted.timeDefault());
                } else {
                    db.setColumnDefault(table, column.name(), wanted.defaultValue());
                }
                return;
            }
            case DROP_DEFAULT: db.dropColumnDefault(table, column.name()); return;
            case SET_NOT_NULL: db.setColumnNotNull(table, column.name(), true); return;
            case DROP_NOT_NULL: db.setColumnNotNull(table, column.name(), false); return;
            default: throw new IllegalStateException("not a column change: " + a.action);
        }
    }
}
