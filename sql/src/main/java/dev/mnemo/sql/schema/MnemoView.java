package dev.mnemo.sql.schema;

import dev.mnemo.sql.view.ViewDef;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A view as Calcite sees it: a table whose rows are those of its query, which a statement reading the view reads in
 * its place (the planner sees the query, not the view). Its columns are the query's columns the view was made with,
 * found by name, so a table's column added since does not change a {@code SELECT *} view.
 */
public final class MnemoView extends AbstractTable implements TranslatableTable {
    /** Types a view's query against the live catalog: the view's row type, or a typed error. */
    public interface Typer {
        RelDataType rowType(ViewDef view, RelDataTypeFactory types);
    }

    private final ViewDef def;
    private final Typer typer;
    private RelDataType rowType;

    MnemoView(ViewDef def, Typer typer) {
        this.def = def;
        this.typer = typer;
    }

    public ViewDef def() {
        return def;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        if (rowType == null) {
            rowType = typer.rowType(def, types);
        }
        return rowType;
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.VIEW;
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
        RelRoot root = context.expandView(table.getRowType(), def.query(), List.of(MnemoSchema.NAME),
                List.of(MnemoSchema.NAME, def.name()));
        RelNode query = root.project();
        List<String> names = query.getRowType().getFieldNames();
        List<Integer> columns = new ArrayList<>();
        for (String c : def.queryColumns()) {
            columns.add(names.indexOf(c)); // present: the row type was checked against the same catalog
        }
        return RelOptUtil.createCastRel(RelOptUtil.createProject(query, columns), table.getRowType(), true);
    }
}
