package dev.mnemo.sql.plan;

import dev.mnemo.sql.exec.MnemoRuntime;
import dev.mnemo.sql.exec.ScanSpec;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.List;

/**
 * Reads a Mnemo table inside the statement's transaction, through the {@link KeyAccess} the planner chose:
 * a full scan, primary key lookups or ranges, or a secondary index. Runs as compiled code calling
 * {@link MnemoRuntime#scan}, not through Calcite's interpreter.
 */
public final class MnemoTableScan extends TableScan implements EnumerableRel {
    private final MnemoTable mnemoTable;
    private final KeyAccess access;
    /** Rows to read in the first chunk of an ordered scan (what a LIMIT above wants); 0 for the default. */
    private final int firstChunkRows;

    private MnemoTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, MnemoTable mnemoTable,
                           KeyAccess access, int firstChunkRows) {
        super(cluster, traits, List.of(), table);
        this.mnemoTable = mnemoTable;
        this.access = access;
        this.firstChunkRows = firstChunkRows;
    }

    public static MnemoTableScan create(RelOptCluster cluster, RelOptTable table, MnemoTable mnemoTable,
                                        KeyAccess access) {
        RelTraitSet traits = cluster.traitSetOf(EnumerableConvention.INSTANCE);
        if (cluster.getPlanner().getRelTraitDefs().contains(RelCollationTraitDef.INSTANCE)) {
            traits = traits.replace(ScanOrder.of(mnemoTable.schema(), access));
        }
        return new MnemoTableScan(cluster, traits, table, mnemoTable, access, 0);
    }

    public MnemoTableScan withAccess(KeyAccess a) {
        return create(getCluster(), getTable(), mnemoTable, a);
    }

    /**
     * The same scan, reading {@code rows} rows first when it reads in key order: a LIMIT above it usually needs
     * no more. Later chunks follow as usual if the rows above filter some out.
     */
    public MnemoTableScan withFirstChunk(int rows) {
        return new MnemoTableScan(getCluster(), getTraitSet(), getTable(), mnemoTable, access, rows);
    }

    public MnemoTable mnemoTable() {
        return mnemoTable;
    }

    public KeyAccess access() {
        return access;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MnemoTableScan(getCluster(), traitSet, getTable(), mnemoTable, access, firstChunkRows);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("access", access, access.kind != KeyAccess.Kind.FULL || access.descending)
                .itemIf("firstChunk", firstChunkRows, firstChunkRows > 0);
    }

    @Override
    public void register(RelOptPlanner planner) {
        MnemoRules.register(planner);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = mnemoTable.rowCountEstimate();
        switch (access.kind) {
            case KEY_EQ: return 1;
            case KEY_IN: return Math.min(rows, access.points.size() * (prefixes() ? Math.max(1, rows * 0.1) : 1));
            case INDEX_EQ: return Math.max(1, rows * 0.05);
            case INDEX_IN: return Math.min(rows, access.points.size() * (unique() ? 1 : Math.max(1, rows * 0.05)));
            case KEY_RANGE: return Math.max(1, rows * keyRangeShare());
            case INDEX_RANGE: return Math.max(1, rows * (access.prefix.isEmpty() ? 0.3 : 0.12));
            default: return rows;
        }
    }

    /**
     * The share of the rows a key range holds: placed between the table's key ends when its bounds are numbers in
     * the SQL text ({@link RangeShare}), else a guess, a quarter of the table or a tenth under a fixed key prefix.
     */
    private double keyRangeShare() {
        double share = RangeShare.of(mnemoTable, access);
        return share != RangeShare.UNKNOWN ? share : access.prefix.isEmpty() ? 0.25 : 0.1;
    }

    /** Whether a KEY_IN's points are values of the key's leading columns only (ranges of an ordered_set). */
    private boolean prefixes() {
        return !access.points.isEmpty() && access.points.get(0).size() < mnemoTable.schema().keyPositions().length;
    }

    private boolean unique() {
        return access.index != null && mnemoTable.schema().indexes().get(mnemoTable.schema().findIndex(access.index))
                .isUnique();
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        // Volcano compares costs by rows first: a full scan must cost more than any lookup of as many rows.
        double reads = access.kind == KeyAccess.Kind.FULL ? rows * 2 + 1 : rows;
        if (access.descending) {
            // The ascending twin wins where no order is asked for, so plans read as before; by so little that a sort
            // of however few rows the planner guesses still costs more.
            reads += 1e-6;
        }
        return planner.getCostFactory().makeCost(reads, reads + 1, 0);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
        ScanSpec spec = new ScanSpec(mnemoTable.schema(), access, physType.getFormat() == JavaRowFormat.SCALAR,
                firstChunkRows);
        Expression specRef = implementor.stash(spec, ScanSpec.class);
        Expression call = Expressions.call(MnemoRuntime.class, "scan", implementor.getRootExpression(), specRef);
        return implementor.result(physType, Blocks.toBlock(call));
    }
}
