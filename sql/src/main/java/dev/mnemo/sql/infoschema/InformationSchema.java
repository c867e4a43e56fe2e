package dev.mnemo.sql.infoschema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.cluster.Membership;
import dev.mnemo.sql.schema.MnemoSchema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The standard's INFORMATION_SCHEMA, read-only: SCHEMATA, TABLES, COLUMNS, VIEWS, SEQUENCES, TABLE_CONSTRAINTS,
 * CHECK_CONSTRAINTS, KEY_COLUMN_USAGE and REFERENTIAL_CONSTRAINTS by the standard's column names (as PostgreSQL and
 * H2 give them), and H2's INDEXES and INDEX_COLUMNS for secondary indexes. Each table's rows are computed from the
 * live catalog when a statement reads it ({@link CatalogRows}), and describe what JDBC metadata describes, through
 * the same code.
 */
public final class InformationSchema extends AbstractSchema {
    /** The schema's name in SQL and in JDBC metadata. */
    public static final String NAME = "INFORMATION_SCHEMA";
    /** The longest name of a table, column, sequence or index: the engine's limit. */
    private static final int NAME_CHARS_MAX = 128;

    private final MnemoSchema catalog;
    private final Membership membership;
    private final Map<String, Table> tables;

    public InformationSchema(MnemoSchema catalog, Membership membership) {
        this.catalog = catalog;
        this.membership = membership;
        Map<String, Table> byName = new TreeMap<>();
        for (SystemTable t : define()) {
            byName.put(t.name(), t);
        }
        this.tables = Collections.unmodifiableMap(byName);
    }

    /** Whether a schema's name, as SQL has made it upper case, is this schema's. */
    public static boolean named(String schema) {
        return NAME.equals(schema);
    }

    /** The catalog this schema describes. */
    MnemoSchema catalog() {
        return catalog;
    }

    /** The cluster CLUSTER_MEMBERS describes. */
    Membership membership() {
        return membership;
    }

    /** The table of this name, or null. */
    public SystemTable table(String name) {
        return (SystemTable) tables.get(name);
    }

    /** Every table, in name order. */
    public List<SystemTable> systemTables() {
        List<SystemTable> out = new ArrayList<>();
        for (Table t : tables.values()) {
            out.add((SystemTable) t);
        }
        return out;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    /** The tables: each one's columns, in the order its rows give their values. */
    private List<SystemTable> define() {
        return List.of(
                systemTable("SCHEMATA", CatalogRows::schemata,
                        catalog("CATALOG_NAME"), name("SCHEMA_NAME"), catalog("SCHEMA_OWNER")),
                systemTable("TABLES", CatalogRows::tables,
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"), word("TABLE_TYPE"),
                        word("KIND"), word("STORAGE"), bigint("ROW_COUNT_ESTIMATE")),
                systemTable("CLUSTER_MEMBERS", CatalogRows::clusterMembers,
                        bigint("MEMBER_ID").notNull(), name("MEMBER_NAME"), catalog("ADDRESS"), word("ROLE").notNull(),
                        yesNo("IS_VOTER"), yesNo("IS_SELF"), ColumnDef.of("IS_REACHABLE", ColumnType.varchar(3)),
                        bigint("TERM").notNull(), bigint("COMMIT_INDEX"), bigint("APPLIED_INDEX"),
                        bigint("MATCH_INDEX"), bigint("LAST_CONTACT_MILLIS")),
                systemTable("COLUMNS", CatalogRows::columns,
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"), name("COLUMN_NAME"),
                        integer("ORDINAL_POSITION").notNull(), text("COLUMN_DEFAULT"), yesNo("IS_NULLABLE"),
                        name("DATA_TYPE"), integer("CHARACTER_MAXIMUM_LENGTH"), integer("CHARACTER_OCTET_LENGTH"),
                        integer("NUMERIC_PRECISION"), integer("NUMERIC_PRECISION_RADIX"), integer("NUMERIC_SCALE"),
                        integer("DATETIME_PRECISION"), yesNo("IS_IDENTITY"), word("IDENTITY_GENERATION")),
                systemTable("VIEWS", CatalogRows::views,
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"),
                        text("VIEW_DEFINITION").notNull(), word("CHECK_OPTION").notNull(), yesNo("IS_UPDATABLE"),
                        yesNo("IS_INSERTABLE_INTO")),
                systemTable("SEQUENCES", CatalogRows::sequences,
                        catalog("SEQUENCE_CATALOG"), name("SEQUENCE_SCHEMA"), name("SEQUENCE_NAME"),
                        name("DATA_TYPE"), integer("NUMERIC_PRECISION").notNull(),
                        integer("NUMERIC_PRECISION_RADIX").notNull(), integer("NUMERIC_SCALE").notNull(),
                        bigint("START_VALUE").notNull(), bigint("MINIMUM_VALUE").notNull(),
                        bigint("MAXIMUM_VALUE").notNull(), bigint("INCREMENT").notNull(), yesNo("CYCLE_OPTION"),
                        bigint("CACHE").notNull()),
                systemTable("TABLE_CONSTRAINTS", CatalogRows::tableConstraints,
                        catalog("CONSTRAINT_CATALOG"), name("CONSTRAINT_SCHEMA"), name("CONSTRAINT_NAME"),
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"),
                        word("CONSTRAINT_TYPE").notNull(), yesNo("IS_DEFERRABLE"), yesNo("INITIALLY_DEFERRED"),
                        catalog("INDEX_NAME")),
                systemTable("CHECK_CONSTRAINTS", CatalogRows::checkConstraints,
                        catalog("CONSTRAINT_CATALOG"), name("CONSTRAINT_SCHEMA"), name("CONSTRAINT_NAME"),
                        text("CHECK_CLAUSE").notNull()),
                systemTable("KEY_COLUMN_USAGE", CatalogRows::keyColumnUsage,
                        catalog("CONSTRAINT_CATALOG"), name("CONSTRAINT_SCHEMA"), name("CONSTRAINT_NAME"),
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"), name("COLUMN_NAME"),
                        integer("ORDINAL_POSITION").notNull(), integer("POSITION_IN_UNIQUE_CONSTRAINT")),
                systemTable("REFERENTIAL_CONSTRAINTS", CatalogRows::referentialConstraints,
                        catalog("CONSTRAINT_CATALOG"), name("CONSTRAINT_SCHEMA"), name("CONSTRAINT_NAME"),
                        catalog("UNIQUE_CONSTRAINT_CATALOG"), name("UNIQUE_CONSTRAINT_SCHEMA"),
                        name("UNIQUE_CONSTRAINT_NAME"), word("MATCH_OPTION").notNull(),
                        word("UPDATE_RULE").notNull(), word("DELETE_RULE").notNull()),
                systemTable("INDEXES", CatalogRows::indexes,
                        catalog("INDEX_CATALOG"), name("INDEX_SCHEMA"), name("INDEX_NAME"),
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"),
                        word("INDEX_TYPE_NAME").notNull(), word("INDEX_METHOD").notNull()),
                systemTable("INDEX_COLUMNS", CatalogRows::indexColumns,
                        catalog("INDEX_CATALOG"), name("INDEX_SCHEMA"), name("INDEX_NAME"),
                        catalog("TABLE_CATALOG"), name("TABLE_SCHEMA"), name("TABLE_NAME"), name("COLUMN_NAME"),
                        integer("ORDINAL_POSITION").notNull(), word("ORDERING_SPECIFICATION"),
                        ColumnDef.of("IS_UNIQUE", ColumnType.BOOLEAN).notNull()));
    }

    private SystemTable systemTable(String name, SystemTable.Rows rows, ColumnDef... columns) {
        return new SystemTable(this, name, List.of(columns), rows);
    }

    /** A catalog's name (Mnemo has none: always NULL, as JDBC's TABLE_CAT), or another name that may be NULL. */
    private static ColumnDef catalog(String column) {
        return ColumnDef.of(column, ColumnType.varchar(NAME_CHARS_MAX));
    }

    /** A name that is always given. */
    private static ColumnDef name(String column) {
        return catalog(column).notNull();
    }

    /** One of a few words ({@code BASE TABLE}, {@code ordered_set}), or NULL. */
    private static ColumnDef word(String column) {
        return ColumnDef.of(column, ColumnType.varchar(32));
    }

    /** {@code YES} or {@code NO}, as the standard says it. */
    private static ColumnDef yesNo(String column) {
        return ColumnDef.of(column, ColumnType.varchar(3)).notNull();
    }

    /** Text of any length: a query, a default. */
    private static ColumnDef text(String column) {
        return ColumnDef.of(column, ColumnType.varchar(ColumnType.LENGTH_MAX));
    }

    private static ColumnDef integer(String column) {
        return ColumnDef.of(column, ColumnType.INTEGER);
    }

    private static ColumnDef bigint(String column) {
        return ColumnDef.of(column, ColumnType.BIGINT);
    }
}
