package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.client.IsolationLevels;
import dev.mnemo.sql.exec.ColumnMeta;
import dev.mnemo.sql.infoschema.InformationSchema;
import dev.mnemo.sql.infoschema.SystemTable;
import dev.mnemo.sql.parser.impl.MnemoSqlParserImpl;
import dev.mnemo.sql.schema.ColumnFacts;
import dev.mnemo.sql.schema.KeyConstraint;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.RowIds;
import dev.mnemo.sql.schema.SqlTypes;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;
import org.apache.calcite.sql.type.SqlTypeName;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a JDBC tool learns about a Mnemo database: its tables, columns, keys, indexes, types and features. */
final class MnemoDatabaseMetaData extends DefaultDatabaseMetaData {
    private final MnemoConnection connection;

    MnemoDatabaseMetaData(MnemoConnection connection) {
        this.connection = connection;
    }

    /** The columns of getBestRowIdentifier and getVersionColumns. */
    private static final String ROW_IDENTIFIER_COLUMNS =
            "SCOPE:s COLUMN_NAME DATA_TYPE:i TYPE_NAME COLUMN_SIZE:i BUFFER_LENGTH:i DECIMAL_DIGITS:s PSEUDO_COLUMN:s";

    /**
     * The columns JDBC gives the catalog results of what Mnemo has none of (procedures, functions, user types,
     * privileges, ...), in its order: a tool reads them by name, rows or not. {@code :s} marks a SMALLINT column,
     * {@code :i} an INTEGER one, the others are text.
     */
    private static final Map<String, String> EMPTY_RESULT_COLUMNS = Map.ofEntries(
            Map.entry("getProcedures", "PROCEDURE_CAT PROCEDURE_SCHEM PROCEDURE_NAME RESERVED1 RESERVED2 RESERVED3"
                    + " REMARKS PROCEDURE_TYPE:s SPECIFIC_NAME"),
            Map.entry("getProcedureColumns", "PROCEDURE_CAT PROCEDURE_SCHEM PROCEDURE_NAME COLUMN_NAME COLUMN_TYPE:s"
                    + " DATA_TYPE:i TYPE_NAME PRECISION:i LENGTH:i SCALE:s RADIX:s NULLABLE:s REMARKS COLUMN_DEF"
                    + " SQL_DATA_TYPE:i SQL_DATETIME_SUB:i CHAR_OCTET_LENGTH:i ORDINAL_POSITION:i IS_NULLABLE"
                    + " SPECIFIC_NAME"),
            Map.entry("getFunctions",
                    "FUNCTION_CAT FUNCTION_SCHEM FUNCTION_NAME REMARKS FUNCTION_TYPE:s SPECIFIC_NAME"),
            Map.entry("getFunctionColumns", "FUNCTION_CAT FUNCTION_SCHEM FUNCTION_NAME COLUMN_NAME COLUMN_TYPE:s"
                    + " DATA_TYPE:i TYPE_NAME PRECISION:i LENGTH:i SCALE:s RADIX:s NULLABLE:s REMARKS"
                    + " CHAR_OCTET_LENGTH:i ORDINAL_POSITION:i IS_NULLABLE SPECIFIC_NAME"),
            Map.entry("getUDTs", "TYPE_CAT TYPE_SCHEM TYPE_NAME CLASS_NAME DATA_TYPE:i REMARKS BASE_TYPE:s"),
            Map.entry("getSuperTypes", "TYPE_CAT TYPE_SCHEM TYPE_NAME SUPERTYPE_CAT SUPERTYPE_SCHEM SUPERTYPE_NAME"),
            Map.entry("getSuperTables", "TABLE_CAT TABLE_SCHEM TABLE_NAME SUPERTABLE_NAME"),
            Map.entry("getAttributes", "TYPE_CAT TYPE_SCHEM TYPE_NAME ATTR_NAME DATA_TYPE:i ATTR_TYPE_NAME ATTR_SIZE:i"
                    + " DECIMAL_DIGITS:i NUM_PREC_RADIX:i NULLABLE:i REMARKS ATTR_DEF SQL_DATA_TYPE:i"
                    + " SQL_DATETIME_SUB:i CHAR_OCTET_LENGTH:i ORDINAL_POSITION:i IS_NULLABLE SCOPE_CATALOG"
                    + " SCOPE_SCHEMA SCOPE_TABLE SOURCE_DATA_TYPE:s"),
            Map.entry("getTablePrivileges", "TABLE_CAT TABLE_SCHEM TABLE_NAME GRANTOR GRANTEE PRIVILEGE IS_GRANTABLE"),
            Map.entry("getColumnPrivileges", "TABLE_CAT TABLE_SCHEM TABLE_NAME COLUMN_NAME GRANTOR GRANTEE PRIVILEGE"
                    + " IS_GRANTABLE"),
            Map.entry("getVersionColumns", ROW_IDENTIFIER_COLUMNS),
            Map.entry("getPseudoColumns", "TABLE_CAT TABLE_SCHEM TABLE_NAME COLUMN_NAME DATA_TYPE:i COLUMN_SIZE:i"
                    + " DECIMAL_DIGITS:i NUM_PREC_RADIX:i COLUMN_USAGE REMARKS CHAR_OCTET_LENGTH:i IS_NULLABLE"),
            Map.entry("getClientInfoProperties", "NAME MAX_LEN:i DEFAULT_VALUE DESCRIPTION"));

    @Override
    ResultSet empty(String method) {
        return MnemoResultSet.of(columns(EMPTY_RESULT_COLUMNS.getOrDefault(method, "")), List.of());
    }

    /** Columns written as names separated by spaces, each with its type as {@link #EMPTY_RESULT_COLUMNS} writes it. */
    private static List<ColumnMeta> columns(String names) {
        List<ColumnMeta> out = new ArrayList<>();
        for (String name : names.split(" ")) {
            if (name.endsWith(":s")) {
                out.add(small(name.substring(0, name.length() - 2)));
            } else if (name.endsWith(":i")) {
                out.add(integer(name.substring(0, name.length() - 2)));
            } else if (!name.isEmpty()) {
                out.add(text(name));
            }
        }
        return out;
    }

    private static ColumnMeta text(String name) {
        return new ColumnMeta(name, name, "", SqlTypeName.VARCHAR, 128, 0, true);
    }

    private static ColumnMeta integer(String name) {
        return new ColumnMeta(name, name, "", SqlTypeName.INTEGER, 10, 0, false);
    }

    private static ColumnMeta small(String name) {
        return new ColumnMeta(name, name, "", SqlTypeName.SMALLINT, 5, 0, false);
    }

    private static ColumnMeta big(String name) {
        return new ColumnMeta(name, name, "", SqlTypeName.BIGINT, 19, 0, false);
    }

    private static ColumnMeta bool(String name) {
        return new ColumnMeta(name, name, "", SqlTypeName.BOOLEAN, 1, 0, false);
    }

    /** A JDBC search pattern (% and _, null for all) as a case-insensitive matcher. */
    private static Pattern like(String pattern) {
        if (pattern == null) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static boolean schemaMatches(String schemaPattern) {
        return like(schemaPattern).matcher(MnemoSchema.NAME).matches();
    }

    /**
     * INFORMATION_SCHEMA's tables whose names match, when the schema pattern names that schema: a null pattern means
     * Mnemo's own schema here, so that tools listing "all tables" see the database's and no more.
     */
    private List<SystemTable> systemTables(String schemaPattern, String tablePattern) {
        List<SystemTable> out = new ArrayList<>();
        if (schemaPattern != null && like(schemaPattern).matcher(InformationSchema.NAME).matches()) {
            Pattern p = like(tablePattern);
            for (SystemTable t : connection.database().informationSchema().systemTables()) {
                if (p.matcher(t.name()).matches()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private List<TableSchema> tables(String schemaPattern, String tablePattern) {
        List<TableSchema> out = new ArrayList<>();
        if (!schemaMatches(schemaPattern)) {
            return out;
        }
        Pattern p = like(tablePattern);
        for (TableSchema s : connection.database().schema().visibleTables()) {
            if (p.matcher(s.name()).matches()) {
                out.add(s);
            }
        }
        return out;
    }

    private static TableSchema exactly(List<TableSchema> all, String table) {
        for (TableSchema s : all) {
            if (s.name().equalsIgnoreCase(table)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] types)
            throws SQLException {
        connection.checkOpen();
        boolean wantTables = types == null;
        boolean wantSequences = types == null;
        boolean wantViews = types == null;
        boolean wantSystem = types == null;
        for (int i = 0; types != null && i < types.length; i++) {
            wantTables |= "TABLE".equalsIgnoreCase(types[i]);
            wantSequences |= "SEQUENCE".equalsIgnoreCase(types[i]);
            wantViews |= "VIEW".equalsIgnoreCase(types[i]);
            wantSystem |= "SYSTEM TABLE".equalsIgnoreCase(types[i]);
        }
        List<Object[]> rows = new ArrayList<>();
        if (wantSequences && schemaMatches(schemaPattern)) {
            // Ordered by TABLE_TYPE first, as JDBC asks: SEQUENCE, SYSTEM TABLE, TABLE, VIEW.
            Pattern p = like(tablePattern);
            for (dev.mnemo.engine.Row r : connection.database().sequences().all()) {
                String name = r.getString("NAME");
                if (p.matcher(name).matches() && !Sequences.isReserved(name)) { // identity columns' are hidden
                    rows.add(new Object[] {null, MnemoSchema.NAME, name, "SEQUENCE", null, null, null, null, null,
                        null});
                }
            }
        }
        if (wantSystem) {
            for (SystemTable t : systemTables(schemaPattern, tablePattern)) {
                rows.add(new Object[] {null, InformationSchema.NAME, t.name(), "SYSTEM TABLE", null, null, null, null,
                    null, null});
            }
        }
        if (wantTables) {
            for (TableSchema s : tables(schemaPattern, tablePattern)) {
                rows.add(new Object[] {null, MnemoSchema.NAME, s.name(), "TABLE",
                    s.kind().name().toLowerCase() + ", " + s.storage().name().toLowerCase(), null, null, null, null,
                    null});
            }
        }
        if (wantViews) {
            for (ViewDef v : views(schemaPattern, tablePattern)) {
                rows.add(new Object[] {null, MnemoSchema.NAME, v.name(), "VIEW", null, null, null, null, null, null});
            }
        }
        return MnemoResultSet.of(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
                text("TABLE_TYPE"), text("REMARKS"), text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
                text("SELF_REFERENCING_COL_NAME"), text("REF_GENERATION")), rows);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        connection.checkOpen();
        Pattern cp = like(columnPattern);
        List<Object[]> rows = new ArrayList<>();
        for (TableSchema s : tables(schemaPattern, tablePattern)) {
            Sequences.Identity identity = connection.database().sequences().identity(s.name());
            List<ColumnDef> visible = RowIds.visibleColumns(s);
            for (int i = 0; i < visible.size(); i++) {
                ColumnDef c = visible.get(i);
                // An identity column numbers itself; Mnemo has no computed (generated) columns.
                boolean autoIncrement = identity != null && identity.owner().column().equals(c.name());
                if (cp.matcher(c.name()).matches()) {
                    rows.add(columnRow(MnemoSchema.NAME, s.name(), i + 1, c, autoIncrement));
                }
            }
        }
        for (ViewDef v : views(schemaPattern, tablePattern)) {
            List<ColumnDef> columns = connection.database().schema().viewColumns(v);
            for (int i = 0; i < columns.size(); i++) {
                if (cp.matcher(columns.get(i).name()).matches()) {
                    rows.add(columnRow(MnemoSchema.NAME, v.name(), i + 1, columns.get(i), false));
                }
            }
        }
        for (SystemTable t : systemTables(schemaPattern, tablePattern)) {
            for (int i = 0; i < t.columns().size(); i++) {
                if (cp.matcher(t.columns().get(i).name()).matches()) {
                    rows.add(columnRow(InformationSchema.NAME, t.name(), i + 1, t.columns().get(i), false));
                }
            }
        }
        // By schema and table name, stable: columns stay in order.
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2]));
        return MnemoResultSet.of(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
                text("COLUMN_NAME"), integer("DATA_TYPE"), text("TYPE_NAME"), integer("COLUMN_SIZE"),
                integer("BUFFER_LENGTH"), integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"),
                text("REMARKS"), text("COLUMN_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
                integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), text("IS_NULLABLE"),
                text("SCOPE_CATALOG"), text("SCOPE_SCHEMA"), text("SCOPE_TABLE"), small("SOURCE_DATA_TYPE"),
                text("IS_AUTOINCREMENT"), text("IS_GENERATEDCOLUMN")), rows);
    }

    private static Object[] columnRow(String schema, String table, int ordinal, ColumnDef c, boolean autoIncrement) {
        ColumnType t = c.type();
        return new Object[] {null, schema, table, c.name(), SqlTypes.jdbcType(t),
            ColumnFacts.typeName(t), ColumnFacts.columnSize(t), null, ColumnFacts.decimalDigits(t), 10,
            c.nullable() ? columnNullable : columnNoNulls, null,
            ColumnFacts.defaultText(c), null, null,
            ColumnFacts.stringLength(t), ordinal, c.nullable() ? "YES" : "NO", null, null, null, null,
            autoIncrement ? "YES" : "NO", "NO"};
    }

    /** The views whose names match, in name order. */
    private List<ViewDef> views(String schemaPattern, String tablePattern) {
        List<ViewDef> out = new ArrayList<>();
        if (schemaMatches(schemaPattern)) {
            Pattern p = like(tablePattern);
            for (ViewDef v : connection.database().views().all()) {
                if (p.matcher(v.name()).matches()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        connection.checkOpen();
        List<Object[]> rows = new ArrayList<>();
        TableSchema s = exactly(tables(schema, null), table);
        if (s != null) {
            List<String> key = RowIds.primaryKeyNames(s);
            for (int i = 0; i < key.size(); i++) {
                rows.add(new Object[] {null, MnemoSchema.NAME, s.name(), key.get(i), (short) (i + 1),
                    KeyConstraint.primaryKeyName(s)});
            }
            rows.sort((a, b) -> ((String) a[3]).compareTo((String) b[3]));
        }
        return MnemoResultSet.of(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
                text("COLUMN_NAME"), small("KEY_SEQ"), text("PK_NAME")), rows);
    }

    /**
     * A table's primary key, in key order, identifies its rows for as long as the session lasts (keys may change);
     * a bag's key names several rows, so it has none, and neither has a table without a primary key.
     */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        connection.checkOpen();
        List<Object[]> rows = new ArrayList<>();
        TableSchema s = exactly(tables(schema, null), table);
        if (s != null && s.kind() != TableKind.BAG && scope <= bestRowSession) {
            for (String name : RowIds.primaryKeyNames(s)) {
                ColumnType t = s.column(s.position(name)).type();
                Integer digits = ColumnFacts.decimalDigits(t);
                rows.add(new Object[] {(short) bestRowSession, name, SqlTypes.jdbcType(t), ColumnFacts.typeName(t),
                    ColumnFacts.columnSize(t), null, digits == null ? null : digits.shortValue(),
                    (short) bestRowNotPseudo});
            }
        }
        return MnemoResultSet.of(columns(ROW_IDENTIFIER_COLUMNS), rows);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return foreignKeys(null, tableIn(schema, table), 2);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return foreignKeys(tableIn(schema, table), null, 6);
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return foreignKeys(tableIn(parentSchema, parentTable), tableIn(foreignSchema, foreignTable), 6);
    }

    /** The table named exactly so (any case) in a matching schema; a name that matches none gives "" (no rows). */
    private String tableIn(String schema, String table) throws SQLException {
        connection.checkOpen();
        TableSchema s = exactly(tables(schema, null), table);
        return s == null ? "" : s.name();
    }

    /**
     * The columns of foreign keys, one row each: those of the child table {@code child} referencing the parent table
     * {@code parent} (null: any), ordered by the table name in column {@code orderBy} (2 for the parent's, 6 for the
     * child's), then the foreign key's name and KEY_SEQ.
     */
    private ResultSet foreignKeys(String parent, String child, int orderBy) throws SQLException {
        connection.checkOpen();
        Mnemo db = connection.database().db();
        List<Object[]> rows = new ArrayList<>();
        for (TableSchema s : tables(null, null)) {
            if (child != null && !s.name().equals(child)) {
                continue;
            }
            for (KeyConstraint fk : KeyConstraint.foreignKeys(db, s)) {
                KeyConstraint.Reference ref = fk.reference();
                if (parent != null && !ref.table().equals(parent)) {
                    continue;
                }
                for (int i = 0; i < fk.columns().size(); i++) {
                    rows.add(new Object[] {null, MnemoSchema.NAME, ref.table(), ref.columns().get(i), null,
                        MnemoSchema.NAME, s.name(), fk.columns().get(i), (short) (i + 1), rule(ref.onUpdate()),
                        rule(ref.onDelete()), fk.name(), ref.key(), (short) importedKeyNotDeferrable});
                }
            }
        }
        rows.sort(Comparator.<Object[], String>comparing(r -> (String) r[orderBy])
                .thenComparing(r -> (String) r[11]).thenComparing(r -> (Short) r[8]));
        return MnemoResultSet.of(List.of(text("PKTABLE_CAT"), text("PKTABLE_SCHEM"), text("PKTABLE_NAME"),
                text("PKCOLUMN_NAME"), text("FKTABLE_CAT"), text("FKTABLE_SCHEM"), text("FKTABLE_NAME"),
                text("FKCOLUMN_NAME"), small("KEY_SEQ"), small("UPDATE_RULE"), small("DELETE_RULE"), text("FK_NAME"),
                text("PK_NAME"), small("DEFERRABILITY")), rows);
    }

    private static short rule(ForeignKeyAction action) {
        switch (action) {
            case CASCADE: return importedKeyCascade;
            case SET_NULL: return importedKeySetNull;
            case RESTRICT: return importedKeyRestrict;
            default: return importedKeyNoAction;
        }
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        connection.checkOpen();
        List<Object[]> rows = new ArrayList<>();
        TableSchema s = exactly(tables(schema, null), table);
        if (s != null) {
            long size = connection.database().db().size(s.name());
            boolean keyUnique = s.kind() != dev.mnemo.engine.TableKind.BAG;
            if (keyUnique || !unique) {
                short type = s.kind() == dev.mnemo.engine.TableKind.ORDERED_SET ? tableIndexOther : tableIndexHashed;
                List<String> key = RowIds.primaryKeyNames(s);
                for (int i = 0; i < key.size(); i++) {
                    rows.add(indexRow(s, !keyUnique, KeyConstraint.primaryKeyName(s), type, i, key.get(i),
                            type == tableIndexOther, size));
                }
            }
            for (IndexDef ix : s.indexes()) {
                if (unique && !ix.isUnique()) {
                    continue;
                }
                short type = ix.isOrdered() ? tableIndexOther : tableIndexHashed;
                for (int i = 0; i < ix.columns().size(); i++) {
                    rows.add(indexRow(s, !ix.isUnique(), ix.name(), type, i, ix.columns().get(i), ix.isOrdered(),
                            size));
                }
            }
        }
        // JDBC orders index rows by NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION.
        rows.sort(java.util.Comparator.<Object[], Boolean>comparing(r -> (Boolean) r[3])
                .thenComparing(r -> (Short) r[6]).thenComparing(r -> (String) r[5]).thenComparing(r -> (Short) r[7]));
        return MnemoResultSet.of(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
                bool("NON_UNIQUE"), text("INDEX_QUALIFIER"), text("INDEX_NAME"), small("TYPE"),
                small("ORDINAL_POSITION"), text("COLUMN_NAME"), text("ASC_OR_DESC"), big("CARDINALITY"),
                big("PAGES"), text("FILTER_CONDITION")), rows);
    }

    private static Object[] indexRow(TableSchema s, boolean nonUnique, String name, short type, int i, String column,
                                     boolean ordered, long size) {
        return new Object[] {null, MnemoSchema.NAME, s.name(), nonUnique, null, name, type, (short) (i + 1), column,
            ordered ? "A" : null, size, 0L, null};
    }

    /**
     * Every type a column can have, named as getColumns names a column of it (TINYINT, TIMESTAMP WITH TIME ZONE), at
     * its largest size, in DATA_TYPE order.
     */
    @Override
    public ResultSet getTypeInfo() throws SQLException {
        connection.checkOpen();
        List<ColumnType> types = new ArrayList<>();
        for (ColumnType.Kind k : ColumnType.Kind.values()) {
            types.add(simple(k));
        }
        types.add(ColumnType.TINYINT);
        List<Object[]> rows = new ArrayList<>();
        for (ColumnType t : types) {
            rows.add(typeInfoRow(t));
        }
        rows.sort((a, b) -> Integer.compare((Integer) a[1], (Integer) b[1]));
        return MnemoResultSet.of(List.of(text("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
                text("LITERAL_PREFIX"), text("LITERAL_SUFFIX"), text("CREATE_PARAMS"), small("NULLABLE"),
                bool("CASE_SENSITIVE"), small("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"), bool("FIXED_PREC_SCALE"),
                bool("AUTO_INCREMENT"), text("LOCAL_TYPE_NAME"), small("MINIMUM_SCALE"), small("MAXIMUM_SCALE"),
                integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX")), rows);
    }

    private static Object[] typeInfoRow(ColumnType t) {
        ColumnType.Kind k = t.kind();
        String name = ColumnFacts.typeName(t);
        int jdbc = SqlTypes.jdbcType(t);
        boolean text = k == ColumnType.Kind.VARCHAR || k == ColumnType.Kind.CHAR;
        boolean binary = k == ColumnType.Kind.VARBINARY;
        boolean datetime = k == ColumnType.Kind.TIME || k == ColumnType.Kind.TIMESTAMP
                || k == ColumnType.Kind.TIMESTAMP_TZ;
        boolean numeric = ColumnFacts.isNumeric(t);
        return new Object[] {name, jdbc, ColumnFacts.columnSize(t), text ? "'" : binary ? "X'" : dateTimePrefix(k),
            text || binary || dateTimePrefix(k) != null ? "'" : null,
            text || binary ? "length" : k == ColumnType.Kind.DECIMAL ? "precision,scale"
                    : datetime ? "precision" : null,
            (short) typeNullable, text, (short) typeSearchable, !numeric, false, false, name, (short) 0,
            (short) (k == ColumnType.Kind.DECIMAL ? ColumnType.DECIMAL_PRECISION_MAX
                    : datetime ? SqlTypes.TIME_PRECISION : 0), 0, 0, 10};
    }

    /** A type of the kind at its largest size, for getTypeInfo: TIME and TIMESTAMP to the millisecond. */
    private static ColumnType simple(ColumnType.Kind k) {
        switch (k) {
            case VARCHAR: case CHAR: case VARBINARY: return ColumnType.of(k, ColumnType.LENGTH_MAX, 0);
            case DECIMAL: return ColumnType.of(k, ColumnType.DECIMAL_PRECISION_MAX, 0);
            default: return ColumnType.of(k, 1, SqlTypes.TIME_PRECISION);
        }
    }

    private static String dateTimePrefix(ColumnType.Kind k) {
        switch (k) {
            case DATE: return "DATE '";
            case TIME: return "TIME '";
            case TIMESTAMP: return "TIMESTAMP '";
            case TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE '";
            default: return null;
        }
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        connection.checkOpen();
        List<Object[]> rows = new ArrayList<>();
        for (String schema : List.of(InformationSchema.NAME, MnemoSchema.NAME)) { // in name order, as JDBC asks
            if (like(schemaPattern).matcher(schema).matches()) {
                rows.add(new Object[] {schema, null});
            }
        }
        return MnemoResultSet.of(List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), rows);
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        connection.checkOpen();
        return MnemoResultSet.of(List.of(text("TABLE_CAT")), List.of());
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        connection.checkOpen();
        return MnemoResultSet.of(List.of(text("TABLE_TYPE")),
                List.<Object[]>of(new Object[] {"SEQUENCE"}, new Object[] {"SYSTEM TABLE"}, new Object[] {"TABLE"},
                        new Object[] {"VIEW"}));
    }

    // ---- identity and features -----------------------------------------------------------------------------

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    @Override
    public String getUserName() {
        return "";
    }

    @Override
    public String getDatabaseProductName() {
        return "Mnemo";
    }

    @Override
    public String getDatabaseProductVersion() {
        return MnemoDriver.MAJOR + "." + MnemoDriver.MINOR;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return MnemoDriver.MAJOR;
    }

    @Override
    public int getDatabaseMinorVersion() {
        return MnemoDriver.MINOR;
    }

    @Override
    public String getDriverName() {
        return "Mnemo JDBC (embedded)";
    }

    @Override
    public String getDriverVersion() {
        return getDatabaseProductVersion();
    }

    @Override
    public int getDriverMajorVersion() {
        return MnemoDriver.MAJOR;
    }

    @Override
    public int getDriverMinorVersion() {
        return MnemoDriver.MINOR;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    /**
     * The words Mnemo's parser reserves that SQL:92 does not (UPSERT, LIMIT, ORDINAL, ...), which a column must
     * quote to be named after: tools read this list to know which names to quote.
     */
    @Override
    public String getSQLKeywords() {
        return Keywords.LIST;
    }

    @Override
    public String getNumericFunctions() {
        return "ABS,CEIL,FLOOR,MOD,POWER,ROUND,SQRT,EXP,LN,LOG10";
    }

    @Override
    public String getStringFunctions() {
        return "CHAR_LENGTH,LOWER,UPPER,SUBSTRING,TRIM,POSITION,OVERLAY";
    }

    @Override
    public String getTimeDateFunctions() {
        return "CURRENT_DATE,CURRENT_TIME,CURRENT_TIMESTAMP,EXTRACT";
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    /** Every level but TRANSACTION_NONE, served as SERIALIZABLE (see {@link IsolationLevels}). */
    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return IsolationLevels.isServed(level);
    }

    /**
     * A transaction holds only DML: DDL run while one is open takes effect at once, for every connection, and
     * neither commits the transaction nor is undone by its rollback (so it is neither ignored nor transactional).
     */
    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return true;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY || type == ResultSet.TYPE_SCROLL_INSENSITIVE;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return supportsResultSetType(type) && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return true;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    /** A read FOR UPDATE is validated at commit, as every read is (see sql/README.md). */
    @Override
    public boolean supportsSelectForUpdate() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    /**
     * True: getGeneratedKeys gives the identity values of the rows an INSERT inserted (empty for a table without an
     * identity column).
     */
    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return connection.isReadOnly();
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** Read once from the parser's own tables when first asked. */
    private static final class Keywords {
        static final String LIST = MnemoSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata()
                .getJdbcKeywords();
    }
}
