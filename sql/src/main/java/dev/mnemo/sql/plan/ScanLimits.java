package dev.mnemo.sql.plan;

import dev.mnemo.engine.TableKind;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * Tells ordered scans under a LIMIT how many rows to read first. {@code WHERE id >= ? ORDER BY id LIMIT 10}
 * on an ordered_set plans as a limit over a filter over a key-range scan, with no sort (the scan is in key
 * order); the scan then reads the offset plus the limit in its first chunk, which is all it needs whenever the
 * filter keeps every row of the range; {@link RowsAtMost} between the limit and its input keeps the limit from
 * asking the scan for a row past those (which would read a whole further chunk), and replaces a limit without an
 * offset. Runs on the chosen physical plan, after the planner.
 */
public final class ScanLimits {
    private ScanLimits() {
    }

    /** The plan with the scans under literal LIMITs told their first chunk; unchanged if there are none. */
    public static RelNode apply(RelNode plan) {
        return PlanRewrite.bottomUp(plan, ScanLimits::hintUnderLimit);
    }

    private static RelNode hintUnderLimit(RelNode rel) {
        if (!(rel instanceof EnumerableLimit)) {
            return rel;
        }
        long rows = rowsWanted((EnumerableLimit) rel);
        if (rows <= 0 || rows > Integer.MAX_VALUE) {
            return rel;
        }
        RelNode in = rel.getInput(0);
        RelNode hinted = hint(in, (int) rows);
        if (hinted == in) {
            return rel;
        }
        RowsAtMost capped = new RowsAtMost(hinted, (int) rows);
        // Without an offset the cap is the whole limit; Calcite's limit would read each row twice (its test and its
        // caller), and a projection below builds a new row at each read.
        return hasOffset((EnumerableLimit) rel) ? rel.copy(rel.getTraitSet(), List.of(capped)) : capped;
    }

    private static boolean hasOffset(EnumerableLimit limit) {
        return limit.offset != null && literal(limit.offset) != 0;
    }

    /** Offset plus fetch when both are literals (an absent offset is 0); -1 otherwise. */
    private static long rowsWanted(EnumerableLimit limit) {
        long fetch = literal(limit.fetch);
        long offset = limit.offset == null ? 0 : literal(limit.offset);
        return fetch < 0 || offset < 0 ? -1 : fetch + offset;
    }

    private static long literal(RexNode n) {
        if (n instanceof RexLiteral) {
            Long v = ((RexLiteral) n).getValueAs(Long.class);
            return v == null ? -1 : v;
        }
        return -1;
    }

    private static RelNode hint(RelNode rel, int rows) {
        if (rel instanceof MnemoTableScan) {
            MnemoTableScan scan = (MnemoTableScan) rel;
            boolean ordered = scan.mnemoTable().schema().kind() == TableKind.ORDERED_SET;
            return ordered && scan.access().inKeyOrder() ? scan.withFirstChunk(rows) : rel;
        }
        if (rel instanceof EnumerableCalc) {
            RelNode in = hint(rel.getInput(0), rows);
            return in == rel.getInput(0) ? rel : rel.copy(rel.getTraitSet(), List.of(in));
        }
        return rel;
    }
}
