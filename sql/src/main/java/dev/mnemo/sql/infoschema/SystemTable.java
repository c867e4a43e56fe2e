package dev.mnemo.sql.infoschema;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.sql.exec.MnemoDataContext;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of INFORMATION_SCHEMA: fixed columns, and rows computed from the live catalog each time a statement
 * reads the table (never when it is planned, so a cached plan gives what the catalog holds when it runs).
 */
public final class SystemTable extends AbstractTable implements ScannableTable {
    /** Adds a table's rows, each of its columns' values in order, as the catalog is when a statement reads it. */
    interface Rows {
        void add(CatalogRead catalog, List<Object[]> out);
    }

    private final InformationSchema owner;
    private final String name;
    private final List<ColumnDef> columns;
    private final Rows rows;

    SystemTable(InformationSchema owner, String name, List<ColumnDef> columns, Rows rows) {
        this.owner = owner;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    public String name() {
        return name;
    }

    /** The columns, as a table's are described: their types, and NOT NULL where a value is always given. */
    public List<ColumnDef> columns() {
        return columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataTypeFactory.Builder b = types.builder();
        for (ColumnDef c : columns) {
            b.add(c.name(), SqlTypes.relType(types, c.type()));
        }
        return b.build();
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.SYSTEM_TABLE;
    }

    /** The rows, read in the statement's transaction where the catalog keeps rows (views, sequences). */
    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        List<Object[]> out = new ArrayList<>();
        rows.add(new CatalogRead(owner, ((MnemoDataContext) root).transaction()), out);
        for (Object[] row : out) {
            if (row.length != columns.size()) {
                throw new IllegalStateException("a row of " + InformationSchema.NAME + "." + name + " has "
                        + row.length + " values for " + columns.size() + " columns");
            }
        }
        return Linq4j.asEnumerable(out);
    }
}
