package dev.mnemo.sql.plan;

import org.apache.calcite.rel.RelNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rewrites of a chosen physical plan that the planner's rules do not make. */
final class PlanRewrite {
    private PlanRewrite() {
    }

    /**
     * The plan with {@code step} applied to every node, inputs first: each node is copied over its rewritten
     * inputs when any changed, then handed to {@code step}, which returns it or its replacement.
     */
    static RelNode bottomUp(RelNode plan, UnaryOperator<RelNode> step) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode in : plan.getInputs()) {
            RelNode next = bottomUp(in, step);
            changed |= next != in;
            inputs.add(next);
        }
        return step.apply(changed ? plan.copy(plan.getTraitSet(), inputs) : plan);
    }
}
