package dev.mnemo.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as the user declares it; built fluently and passed to {@link Mnemo#createTable}.
 *
 * <pre>{@code
 * TableDef.named("account")
 *     .column("id", ColumnType.BIGINT).notNull()
 *     .column("owner", ColumnType.varchar(40))
 *     .column("balance", ColumnType.BIGINT).notNull().defaultValue(0L)
 *     .primaryKey("id")
 *     .kind(TableKind.ORDERED_SET).storage(Storage.DISC)
 *     .index(IndexDef.hash("by_owner", "owner"))
 *     .foreignKey(ForeignKeyDef.on("owner").references("person", "name"));
 * }</pre>
 */
public final class TableDef {
    private final String name;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private final List<IndexDef> indexes = new ArrayList<>();
    private final List<ForeignKeyDef> foreignKeys = new ArrayList<>();
    private TableKind kind = TableKind.SET;
    private Storage storage = Storage.RAM;
    private String checks = "";

    private TableDef(String name) {
        this.name = Names.check("table", name);
    }

    public static TableDef named(String name) {
        return new TableDef(name);
    }

    /** Adds a nullable column; {@link #notNull()} and {@link #defaultValue} refine the column added last. */
    public TableDef column(String columnName, ColumnType type) {
        columns.add(ColumnDef.of(columnName, type));
        return this;
    }

    public TableDef column(ColumnDef column) {
        columns.add(column);
        return this;
    }

    public TableDef notNull() {
        columns.set(lastColumn(), columns.get(lastColumn()).notNull());
        return this;
    }

    public TableDef defaultValue(Object value) {
        columns.set(lastColumn(), columns.get(lastColumn()).withDefault(value));
        return this;
    }

    /** The column added last defaults to the time of the write. */
    public TableDef timeDefault(TimeDefault kind) {
        columns.set(lastColumn(), columns.get(lastColumn()).withTimeDefault(kind));
        return this;
    }

    /** The column added last (a UUID one) defaults to a new random UUID for each row. */
    public TableDef randomUuidDefault() {
        columns.set(lastColumn(), columns.get(lastColumn()).withRandomUuidDefault());
        return this;
    }

    public TableDef primaryKey(String... columnNames) {
        primaryKey.clear();
        for (String c : columnNames) {
            primaryKey.add(Names.check("column", c));
        }
        return this;
    }

    public TableDef kind(TableKind tableKind) {
        this.kind = tableKind;
        return this;
    }

    public TableDef storage(Storage tableStorage) {
        this.storage = tableStorage;
        return this;
    }

    public TableDef index(IndexDef index) {
        indexes.add(index);
        return this;
    }

    /**
     * Adds a foreign key; its parent must exist when the table is created, unless it is this table itself. Child
     * columns without an index of exactly their own get a hash index named as the foreign key.
     */
    public TableDef foreignKey(ForeignKeyDef foreignKey) {
        foreignKeys.add(foreignKey);
        return this;
    }

    /** Gives the table the check mark {@code value} from its creation (see {@link CheckMark}); empty for none. */
    public TableDef checks(String value) {
        if (value == null) {
            throw new SchemaException("a table's check mark is a text (empty for none)");
        }
        checks = value;
        return this;
    }

    private int lastColumn() {
        if (columns.isEmpty()) {
            throw new SchemaException("declare a column before refining it");
        }
        return columns.size() - 1;
    }

    public String name() {
        return name;
    }

    public List<ColumnDef> columns() {
        return List.copyOf(columns);
    }

    public List<String> primaryKey() {
        return List.copyOf(primaryKey);
    }

    public List<IndexDef> indexes() {
        return List.copyOf(indexes);
    }

    public List<ForeignKeyDef> foreignKeys() {
        return List.copyOf(foreignKeys);
    }

    public TableKind kind() {
        return kind;
    }

    public Storage storage() {
        return storage;
    }

    public String checks() {
        return checks;
    }
}
