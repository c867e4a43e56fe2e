package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.table.Table;
import dev.mnemo.sql.check.Checks;
import dev.mnemo.sql.plan.MnemoTypeSystem;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;
import dev.mnemo.sql.view.Views;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's catalog as a Calcite schema, read live: a table created or altered through any API is visible
 * to the next statement planned. Names are upper case, as the engine keeps them.
 */
public final class MnemoSchema extends AbstractSchema {
    /** The schema's name in SQL and in JDBC metadata. */
    public static final String NAME = "MNEMO";

    private final Mnemo db;
    private final Sequences sequences;
    private final Views views;
    private final Checks checks;
    private final MnemoView.Typer viewTyper;
    private final ConcurrentHashMap<String, MnemoTable> tables = new ConcurrentHashMap<>();
    private final Lookup<org.apache.calcite.schema.Table> lookup = new TableLookup();

    public MnemoSchema(Mnemo db, Sequences sequences, Views views, Checks checks, MnemoView.Typer viewTyper) {
        this.db = db;
        this.sequences = sequences;
        this.views = views;
        this.checks = checks;
        this.viewTyper = viewTyper;
    }

    public Mnemo db() {
        return db;
    }

    /** The table's current version, or null if there is none by that name (Mnemo's own tables are not shown). */
    public MnemoTable table(String name) {
        if (Sequences.isReserved(name)) {
            return null;
        }
        Table t = db.engine().catalog().find(name);
        if (t == null) {
            return null;
        }
        TableSchema s = t.schema();
        MnemoTable cached = tables.get(s.name());
        if (cached != null && cached.schema() == s) {
            return cached;
        }
        // An identity column's sequence is made before its table and dropped after it or its column: read now, it
        // holds for this version of the table.
        Sequences.Identity identity = sequences.identity(s.name());
        if (identity != null && !s.hasColumn(identity.owner().column())) {
            identity = null;
        }
        MnemoTable fresh = new MnemoTable(s, t::size, highest -> t.isOrdered() ? t.endKey(highest) : null, identity);
        tables.put(s.name(), fresh);
        return fresh;
    }

    /** The database's sequences. */
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

    /** Every table's current schema in name order, without Mnemo's own tables: the tables users see. */
    public List<TableSchema> visibleTables() {
        List<TableSchema> out = new ArrayList<>();
        for (TableSchema s : db.tables()) {
            if (!Sequences.isReserved(s.name())) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(TableSchema::name));
        return out;
    }

    /** The rows a table holds now, or null if it is gone. */
    public Long rowCount(String table) {
        Table t = db.engine().catalog().find(table);
        return t == null ? null : t.size();
    }

    /**
     * A view's columns as its query types them now; none for a view that cannot be read (a table or column it reads
     * is gone), which a query on it reports. A column of a type no table stores (an INTERVAL) is described as text.
     */
    public List<ColumnDef> viewColumns(ViewDef v) {
        List<ColumnDef> out = new ArrayList<>();
        RelDataType row;
        try {
            row = new MnemoView(v, viewTyper).getRowType(new JavaTypeFactoryImpl(MnemoTypeSystem.INSTANCE));
        } catch (RuntimeException e) {
            return out;
        }
        for (int i = 0; i < row.getFieldCount(); i++) {
            RelDataType t = row.getFieldList().get(i).getType();
            ColumnType type = SqlTypes.columnType(t.getSqlTypeName(), t.getPrecision(), t.getScale());
            ColumnDef c = ColumnDef.of(v.columns().get(i), type == null ? ColumnType.varchar(ColumnType.LENGTH_MAX)
                    : type);
            out.add(t.isNullable() ? c : c.notNull());
        }
        return out;
    }

    /** The view of this name as it is now, or null if there is none. */
    public MnemoView view(String name) {
        ViewDef def = views.find(name);
        return def == null ? null : new MnemoView(def, viewTyper);
    }

    /** The table of this name, or else the view, or null if there is neither. */
    private org.apache.calcite.schema.Table tableOrView(String name) {
        MnemoTable t = table(name);
        return t != null ? t : view(name);
    }

    @Override
    public Lookup<org.apache.calcite.schema.Table> tables() {
        return lookup;
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    private final class TableLookup implements Lookup<org.apache.calcite.schema.Table> {
        @Override
        public org.apache.calcite.schema.Table get(String name) {
            return tableOrView(name);
        }

        @Override
        public Named<org.apache.calcite.schema.Table> getIgnoreCase(String name) {
            MnemoTable t = table(name);
            if (t != null) {
                return new Named<>(t.schema().name(), t);
            }
            MnemoView v = view(name);
            return v == null ? null : new Named<>(v.def().name(), v);
        }

        @Override
        public Set<String> getNames(LikePattern pattern) {
            Set<String> out = new LinkedHashSet<>();
            for (TableSchema s : db.tables()) {
                if (pattern.matcher().apply(s.name()) && !Sequences.isReserved(s.name())) {
                    out.add(s.name());
                }
            }
            for (ViewDef v : views.all()) {
                if (pattern.matcher().apply(v.name())) {
                    out.add(v.name());
                }
            }
            return out;
        }
    }
}
