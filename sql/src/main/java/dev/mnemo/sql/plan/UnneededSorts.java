package dev.mnemo.sql.plan;

import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.rel.RelNode;

import java.util.List;

/**
 * Takes out of a statement with no ORDER BY the sorts that no node above needs. The converted statement carries
 * the key order of an ordered_set's full scan as the collation of every filter and projection over it, and
 * Calcite converts each node asking its input for the input's own traits: when the planner reads the rows by key
 * lookups or through an index instead (in no key order), it sorted them to give that order, which nothing
 * wanted. Runs on the chosen physical plan, after the planner.
 */
public final class UnneededSorts {
    private UnneededSorts() {
    }

    /** The plan without the sorts (those with no limit) under its top projections, filters and table change. */
    public static RelNode apply(RelNode plan) {
        if (plan instanceof EnumerableSort && ((EnumerableSort) plan).fetch == null
                && ((EnumerableSort) plan).offset == null) {
            return apply(plan.getInput(0));
        }
        if (!(plan instanceof EnumerableCalc || plan instanceof EnumerableProject || plan instanceof EnumerableFilter
                || plan instanceof MnemoTableModify)) {
            return plan;
        }
        RelNode in = apply(plan.getInput(0));
        return in == plan.getInput(0) ? plan : plan.copy(plan.getTraitSet(), List.of(in));
    }
}
