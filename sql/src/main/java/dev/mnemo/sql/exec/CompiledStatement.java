package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.MnemoTable;
import dev.mnemo.sql.schema.MnemoView;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A statement ready to run any number of times: a compiled plan (queries and DML) or a parsed DDL or
 * transaction-control statement. Immutable and shared between connections through the plan cache.
 */
public final class CompiledStatement {
    /** What running the statement does; TRANSACTION is BEGIN, START TRANSACTION or SET TRANSACTION. */
    public enum Kind { QUERY, DML, EXPLAIN, DDL, COMMIT, ROLLBACK, SAVEPOINT, TRANSACTION, SCRIPT }

    final String sql;
    final Kind kind;
    final SqlNode ddl;
    final Bindable<?> plan;
    final Map<String, Object> stashed;
    final List<ColumnMeta> columns;
    final List<ParamMeta> params;
    final List<TableSchema> tables;
    /** The sequences the plan draws from, with the types it was planned with. */
    final Map<String, ColumnType.Kind> sequenceTypes;
    /** The views the plan reads, as they were when it was made. */
    final List<ViewDef> views;
    final String explain;
    /**
     * The plan's generated code failed to initialise (a constant it computes once threw, such as CAST('x' AS
     * DATE)): the JVM never retries a failed class initialisation, so the statement must be compiled afresh to
     * report that error again rather than a NoClassDefFoundError.
     */
    private volatile boolean unloadable;

    CompiledStatement(String sql, Kind kind, SqlNode ddl, Bindable<?> plan, Map<String, Object> stashed,
                      List<ColumnMeta> columns, List<ParamMeta> params, List<TableSchema> tables,
                      Map<String, ColumnType.Kind> sequenceTypes, List<ViewDef> views, String explain) {
        this.sql = sql;
        this.kind = kind;
        this.ddl = ddl;
        this.plan = plan;
        this.stashed = stashed == null ? Map.of() : Map.copyOf(stashed);
        this.columns = List.copyOf(columns);
        this.params = List.copyOf(params);
        this.tables = List.copyOf(tables);
        this.sequenceTypes = Map.copyOf(sequenceTypes);
        this.views = List.copyOf(views);
        this.explain = explain;
    }

    static CompiledStatement ofNode(String sql, Kind kind, SqlNode node, int paramCount) {
        List<ParamMeta> ps = new ArrayList<>();
        for (int i = 0; i < paramCount; i++) {
            ps.add(new ParamMeta(org.apache.calcite.sql.type.SqlTypeName.ANY, 0, 0, null, null));
        }
        return new CompiledStatement(sql, kind, node, null, null, List.of(), ps, List.of(), Map.of(), List.of(),
                null);
    }

    public String sql() {
        return sql;
    }

    public Kind kind() {
        return kind;
    }

    /** True for statements that return rows (queries, EXPLAIN and SCRIPT). */
    public boolean returnsRows() {
        return kind == Kind.QUERY || kind == Kind.EXPLAIN || kind == Kind.SCRIPT;
    }

    public List<ColumnMeta> columns() {
        return columns;
    }

    public List<ParamMeta> params() {
        return params;
    }

    /** The plan text, for EXPLAIN and for tests that check which access a statement uses. */
    public String explain() {
        return explain;
    }

    /**
     * True while every table the plan reads or writes still has the schema version it was planned against, every
     * sequence it draws from the type it was planned with (a sequence dropped and made again may have another), every
     * view it reads the definition it was planned with, and its code could be loaded. A sequence dropped for good
     * fails when the plan draws from it.
     */
    boolean isCurrent(MnemoSchema schema, Sequences sequences) {
        if (unloadable) {
            return false;
        }
        for (TableSchema t : tables) {
            MnemoTable now = schema.table(t.name());
            if (now == null || now.schema() != t) {
                return false;
            }
        }
        for (Map.Entry<String, ColumnType.Kind> e : sequenceTypes.entrySet()) {
            ColumnType.Kind now = sequences.type(e.getKey());
            if (now != null && now != e.getValue()) {
                return false;
            }
        }
        for (ViewDef v : views) {
            MnemoView now = schema.view(v.name());
            if (now == null || now.def().incarnation() != v.incarnation()) {
                return false;
            }
        }
        return true;
    }

    void markUnloadable() {
        unloadable = true;
    }
}
