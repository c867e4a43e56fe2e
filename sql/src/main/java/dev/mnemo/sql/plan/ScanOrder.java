package dev.mnemo.sql.plan;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The orders a {@link MnemoTableScan}'s rows come in, as the planner's collations: an ordered_set's key order for a
 * full scan, a key range or key lookups (KEY_IN); an ordered index's order, its columns then the primary key's, for an
 * index range or lookups (INDEX_EQ, INDEX_IN); ascending or, for a {@link KeyAccess#descending} access, descending. The
 * leading columns a range or an INDEX_EQ fixes to one value each ({@link KeyAccess#prefix}) may be left out, so
 * {@code WHERE a = ? ORDER BY b} on a key (a, b) needs no sort, nor {@code WHERE c = ? ORDER BY id} on an index (c).
 * An order stops before the first UUID column: the engine orders UUIDs as their bytes unsigned, Calcite's code (a
 * merge join's comparison, a sort it adds for one) as {@code UUID.compareTo} does, signed. VARCHAR and CHAR columns
 * order as Calcite compares them, by UTF-16 code unit as {@code String.compareTo} does: the engine's keys encode text
 * so ({@code KeyCodec}), a character above U+FFFF as its two surrogates. A CHAR(n) value is stored padded with spaces
 * to n characters, and the rows hold it so: the walk orders the padded values, which are what a sort compares. The
 * engine keeps NULL below every value, so a nullable index column's NULLs come first walking up and last walking
 * down; index lookups (INDEX_EQ, INDEX_IN) find none, and claim the default placement.
 */
final class ScanOrder {
    private ScanOrder() {
    }

    /**
     * Whether the access walks keys or index entries in their order, either way, on this table: an index range, or
     * lookups of an ordered index (each value's entries by primary key, an INDEX_IN's values sorted as the index).
     */
    static boolean walksInOrder(TableSchema s, KeyAccess a) {
        if (a.inKeyOrder()) {
            return s.kind() == TableKind.ORDERED_SET;
        }
        return a.kind == KeyAccess.Kind.INDEX_RANGE || (a.kind == KeyAccess.Kind.INDEX_EQ
                || a.kind == KeyAccess.Kind.INDEX_IN) && s.indexes().get(s.findIndex(a.index)).isOrdered();
    }

    /**
     * The orders the access's rows come in: the whole walk's order, and that order without the columns a range
     * fixes, if it fixes some; none if the rows come in no order.
     */
    static List<RelCollation> of(TableSchema s, KeyAccess a) {
        return of(s, a, false);
    }

    /**
     * As {@link #of}, with UUID columns too when {@code uuids}: orders to compare with an order on the UUIDs' text
     * ({@link UuidOrder}), which is theirs, never to give the planner.
     */
    static List<RelCollation> of(TableSchema s, KeyAccess a, boolean uuids) {
        if (!walksInOrder(s, a)) {
            return List.of(RelCollations.EMPTY);
        }
        int[] columns = walked(s, a);
        // Index lookups skip a NULL value, so their rows hold none in the index's columns: ORDER BY's default
        // placement of NULLs holds there as well as the walk's.
        int nullFree = a.kind == KeyAccess.Kind.INDEX_EQ || a.kind == KeyAccess.Kind.INDEX_IN
                ? s.indexPositions(s.findIndex(a.index)).length : 0;
        List<RelCollation> out = new ArrayList<>(List.of(collation(s, columns, 0, nullFree, a.descending, uuids)));
        int fixed = a.kind == KeyAccess.Kind.KEY_RANGE || a.kind == KeyAccess.Kind.INDEX_RANGE
                || a.kind == KeyAccess.Kind.INDEX_EQ ? a.prefix.size() : 0;
        RelCollation rest = collation(s, columns, fixed, nullFree, a.descending, uuids);
        if (fixed > 0 && !rest.getFieldCollations().isEmpty()) {
            out.add(rest);
        }
        return asTrait(out);
    }

    /**
     * The orders with each nullable column whose NULLs {@code condition} rejects (a filter over the scan keeps no row
     * with NULL there) in SQL's default NULL placement instead, which ORDER BY asks for: NULLS LAST ascending, FIRST
     * descending. The rows of such a filter hold no NULL there, so they are in either placement; the planner takes
     * one order per list of columns (two that differ only in directions are one to it).
     */
    static List<RelCollation> withoutNulls(List<RelCollation> orders, RexNode condition) {
        List<RelCollation> out = new ArrayList<>();
        for (RelCollation order : orders) {
            List<RelFieldCollation> fields = new ArrayList<>();
            for (RelFieldCollation f : order.getFieldCollations()) {
                boolean rejected = Strong.isNotTrue(condition, ImmutableBitSet.of(f.getFieldIndex()));
                fields.add(rejected ? f.withNullDirection(f.getDirection().defaultNullDirection()) : f);
            }
            out.add(RelCollations.of(fields));
        }
        return asTrait(out);
    }

    /**
     * A filter or projection over a scan (or over another such) declaring the orders of its input that it keeps: the
     * table's collation metadata knows no order, the scan's traits do. A filter keeps them all, {@link #withoutNulls}
     * of its condition; a projection the leading part of each that it passes on, on the columns it puts them in.
     */
    static RelNode keptBy(RelNode rel) {
        List<RelCollation> in = rel.getInput(0).getTraitSet().getTraits(RelCollationTraitDef.INSTANCE);
        if (in == null) {
            return rel;
        }
        List<RelCollation> out = new ArrayList<>();
        for (RelCollation order : in) {
            if (rel instanceof Project) {
                order = projected(order, ((Project) rel).getProjects());
            }
            if (!order.getFieldCollations().isEmpty()) {
                out.add(order);
            }
        }
        if (rel instanceof Filter) {
            out = withoutNulls(out, ((Filter) rel).getCondition());
        }
        return rel.copy(rel.getTraitSet().replace(out.isEmpty() ? List.of(RelCollations.EMPTY) : asTrait(out)),
                rel.getInputs());
    }

    /** The leading part of an input's order that a projection passes on, on the columns it puts them in. */
    private static RelCollation projected(RelCollation in, List<RexNode> projects) {
        List<RelFieldCollation> out = new ArrayList<>();
        for (RelFieldCollation f : in.getFieldCollations()) {
            int at = -1;
            for (int i = 0; i < projects.size() && at < 0; i++) {
                RexNode e = projects.get(i);
                at = e instanceof RexInputRef && ((RexInputRef) e).getIndex() == f.getFieldIndex() ? i : -1;
            }
            if (at < 0) {
                break;
            }
            out.add(f.withFieldIndex(at));
        }
        return RelCollations.of(out);
    }

    /** The orders sorted, as the planner holds several orders of one node (its checks fail on any other list). */
    private static List<RelCollation> asTrait(List<RelCollation> orders) {
        return List.copyOf(new TreeSet<>(orders));
    }

    /** The columns whose order the walk follows: the key's, or the index's then the key's. */
    private static int[] walked(TableSchema s, KeyAccess a) {
        int[] key = s.keyPositions();
        if (a.index == null) {
            return key;
        }
        int[] index = s.indexPositions(s.findIndex(a.index));
        int[] out = Arrays.copyOf(index, index.length + key.length);
        System.arraycopy(key, 0, out, index.length, key.length);
        return out;
    }

    /**
     * The order on {@code columns} from {@code from} up to the first UUID one (unless {@code uuids}), each once; the
     * first {@code nullFree} hold no NULL in the rows walked.
     */
    private static RelCollation collation(TableSchema s, int[] columns, int from, int nullFree, boolean descending,
                                          boolean uuids) {
        List<RelFieldCollation> fields = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (int i = 0; i < columns.length; i++) {
            ColumnDef c = s.column(columns[i]);
            if (c.type().kind() == ColumnType.Kind.UUID && !uuids) {
                break;
            }
            // A column met again (a key column in the index too) holds one value wherever it is met again.
            if (seen.add(columns[i]) && i >= from) {
                fields.add(field(columns[i], c.nullable() && i >= nullFree, descending));
            }
        }
        return RelCollations.of(fields);
    }

    /** A column walked in the engine's order, NULLs below every value; key columns hold none. */
    private static RelFieldCollation field(int column, boolean nullable, boolean descending) {
        RelFieldCollation.Direction d = descending ? RelFieldCollation.Direction.DESCENDING
                : RelFieldCollation.Direction.ASCENDING;
        if (!nullable) {
            return new RelFieldCollation(column, d);
        }
        return new RelFieldCollation(column, d,
                descending ? RelFieldCollation.NullDirection.LAST : RelFieldCollation.NullDirection.FIRST);
    }
}
