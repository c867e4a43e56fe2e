package dev.mnemo.sql.plan;

import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes out the sort of an ORDER BY on UUIDs of an ordered_set's key, or of an ordered index, where the scan below
 * walks them in that order, either way: {@link UuidOrder} sorts UUIDs on their text, whose order is that of the
 * engine's keys (their bytes unsigned), but the planner cannot be told that a scan is in that order (it would take it
 * for {@code UUID.compareTo}'s, see {@link ScanOrder}). The sort's input must be a projection (and filter) of the
 * scan's columns and of the UUIDs' text only, so its order is the scan's; the scan then walks the other way if the
 * sort asks for that. Runs on the chosen physical plan, after the planner.
 */
public final class UuidKeyOrder {
    private UuidKeyOrder() {
    }

    /** The plan without the sorts that such scans make needless; unchanged if there are none. */
    public static RelNode apply(RelNode plan) {
        return PlanRewrite.bottomUp(plan, UuidKeyOrder::unsorted);
    }

    private static RelNode unsorted(RelNode rel) {
        if (!(rel instanceof Sort && rel.getInput(0) instanceof EnumerableCalc
                && rel.getInput(0).getInput(0) instanceof MnemoTableScan)) {
            return rel;
        }
        Sort sort = (Sort) rel;
        EnumerableCalc calc = (EnumerableCalc) sort.getInput();
        MnemoTableScan scan = (MnemoTableScan) calc.getInput();
        RelCollation wanted = onScan(sort.getCollation(), calc.getProgram(), scan);
        if (wanted == null || !ScanOrder.walksInOrder(scan.mnemoTable().schema(), scan.access())) {
            return rel;
        }
        for (KeyAccess access : List.of(scan.access(), scan.access().walking(!scan.access().descending))) {
            if (gives(scan, access, calc.getProgram(), wanted)) {
                MnemoTableScan walked = access == scan.access() ? scan : scan.withAccess(access);
                RelNode rows = calc.copy(calc.getTraitSet(), List.of(walked));
                return sort.fetch == null && sort.offset == null ? rows
                        : EnumerableLimit.create(rows, sort.offset, sort.fetch);
            }
        }
        return rel;
    }

    /**
     * The sort's order on the scan's columns: each key a column passed on, or the text of a UUID column; null if a
     * key is anything else, or no key is on a UUID's text (the planner has judged every other order).
     */
    private static RelCollation onScan(RelCollation order, RexProgram program, MnemoTableScan scan) {
        List<RelFieldCollation> out = new ArrayList<>();
        boolean texts = false;
        for (RelFieldCollation f : order.getFieldCollations()) {
            RexNode e = program.expandLocalRef(program.getProjectList().get(f.getFieldIndex()));
            RexNode uuid = UuidOrder.textOf(e);
            RexNode column = uuid == null ? e : uuid;
            if (!(column instanceof RexInputRef)
                    || (uuid != null) != UuidOrder.isUuid(scan.getRowType().getFieldList()
                    .get(((RexInputRef) column).getIndex()).getType())) {
                return null;
            }
            texts |= uuid != null;
            out.add(f.withFieldIndex(((RexInputRef) column).getIndex()));
        }
        return texts ? RelCollations.of(out) : null;
    }

    /** Whether the scan's rows read by {@code access}, through the program's filter, come in the order wanted. */
    private static boolean gives(MnemoTableScan scan, KeyAccess access, RexProgram program, RelCollation wanted) {
        List<RelCollation> orders = ScanOrder.of(scan.mnemoTable().schema(), access, true);
        if (program.getCondition() != null) {
            orders = ScanOrder.withoutNulls(orders, program.expandLocalRef(program.getCondition()));
        }
        return orders.stream().anyMatch(o -> o.satisfies(wanted));
    }
}
