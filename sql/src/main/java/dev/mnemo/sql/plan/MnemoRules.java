package dev.mnemo.sql.plan;

import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * Mnemo's planner rules: one absorbs a filter's key and index conditions into the table scan, so they run as
 * direct lookups; one offers an ordered_set's scans in descending key order too; one does the same as the first for a
 * join with an IN list's values, and one takes that join away where the lookups alone give its rows; one joins onto a
 * table's key by lookups ({@link MnemoLookupJoin}); one plans DML as {@link MnemoTableModify}.
 */
public final class MnemoRules {
    /**
     * Filter over a full scan → the same filter over a key or index access the condition allows; over one in key or
     * index order, that access walking down too.
     */
    public static final RelOptRule KEY_ACCESS = new KeyAccessRule();
    /** Full scan of an ordered_set → the same scan from the highest key down, for ORDER BY the key DESC. */
    public static final RelOptRule DESCENDING_SCAN = new DescendingScanRule();
    /** Join of a full scan with held values on the key → the same join over lookups of those keys. */
    public static final RelOptRule KEY_IN_FROM_VALUES = new KeyInFromValues();
    /** Join of a table with an IN list's distinct values on its key → key lookups of those values, no join. */
    public static final RelOptRule KEY_IN_WITHOUT_JOIN = new KeyInWithoutJoin();
    /** Join or semi-join onto a table's key or an index → lookups of the other side's values, never a full read. */
    public static final RelOptRule KEY_LOOKUP_JOIN = new JoinByKeyLookups();
    /** LogicalTableModify on a Mnemo table → {@link MnemoTableModify}. */
    public static final RelOptRule MODIFY = ConverterRule.Config.INSTANCE
            .withConversion(LogicalTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE,
                    "MnemoTableModifyRule")
            .withRuleFactory(ModifyRule::new)
            .toRule();

    private MnemoRules() {
    }

    /** Adds the rules to a planner (tables register them too, as they appear in a plan). */
    public static void register(RelOptPlanner planner) {
        planner.addRule(KEY_ACCESS);
        planner.addRule(DESCENDING_SCAN);
        planner.addRule(KEY_IN_FROM_VALUES);
        planner.addRule(KEY_IN_WITHOUT_JOIN);
        planner.addRule(KEY_LOOKUP_JOIN);
        planner.addRule(MODIFY);
    }

    /** What the statement being planned asks of the rules, beyond its relational algebra. */
    public static final class Hints {
        /** The INSERT was written UPSERT: rows replace those with the same key. */
        public final boolean upsert;

        public Hints(boolean upsert) {
            this.upsert = upsert;
        }
    }

    @SuppressWarnings("deprecation")
    private static final class KeyAccessRule extends RelOptRule {
        KeyAccessRule() {
            super(operand(LogicalFilter.class, operand(MnemoTableScan.class, none())), "MnemoKeyAccessRule");
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            Filter filter = call.rel(0);
            MnemoTableScan scan = call.rel(1);
            if (scan.access().kind != KeyAccess.Kind.FULL || scan.access().descending) {
                return;
            }
            KeyAccess access = KeyAccessAnalyzer.choose(filter.getCluster().getRexBuilder(), filter.getCondition(),
                    scan.mnemoTable().schema());
            if (access != null) {
                call.transformTo(narrowed(filter, scan, access));
            }
            KeyAccess read = access == null ? scan.access() : access;
            if (ScanOrder.walksInOrder(scan.mnemoTable().schema(), read)) {
                // An ordered_set's keys and an ordered index's entries read in either order, for ORDER BY ... DESC.
                call.transformTo(narrowed(filter, scan, read.walking(true)));
            }
        }

        /**
         * The filter over the scan by {@code access}, in the new scan's order ({@link ScanOrder}: the full scan's key
         * order must not carry over to an access in another order).
         */
        private static RelNode narrowed(Filter filter, MnemoTableScan scan, KeyAccess access) {
            return ScanOrder.keptBy(filter.copy(filter.getTraitSet(), scan.withAccess(access), filter.getCondition()));
        }
    }

    @SuppressWarnings("deprecation")
    private static final class DescendingScanRule extends RelOptRule {
        DescendingScanRule() {
            super(operand(MnemoTableScan.class, none()), "MnemoDescendingScanRule");
        }

        @Override
        public void onMatch(RelOptRuleCall call) {
            MnemoTableScan scan = call.rel(0);
            KeyAccess access = scan.access();
            if (access.kind == KeyAccess.Kind.FULL && !access.descending
                    && ScanOrder.walksInOrder(scan.mnemoTable().schema(), access)) {
                call.transformTo(scan.withAccess(access.walking(true)));
            }
        }
    }

    private static final class ModifyRule extends ConverterRule {
        ModifyRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalTableModify m = (LogicalTableModify) rel;
            if (m.getTable().unwrap(MnemoTable.class) == null) {
                return null;
            }
            Hints hints = rel.getCluster().getPlanner().getContext().unwrap(Hints.class);
            RelNode input = convert(m.getInput(), m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
            return new MnemoTableModify(m.getCluster(), m.getTraitSet().replace(EnumerableConvention.INSTANCE),
                    m.getTable(), m.getCatalogReader(), input, m.getOperation(), m.getUpdateColumnList(),
                    m.getSourceExpressionList(), m.isFlattened(), hints != null && hints.upsert);
        }
    }
}
