package dev.mnemo.sql.plan;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.UuidText;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a filter condition for conjuncts that a key or index can answer ({@code col = value},
 * {@code col < value}, {@code col IN (...)}, with values that are literals or parameters) and picks the
 * cheapest access they allow. Conjuncts it cannot use stay with the filter, which is kept whole anyway. An order
 * comparison of a UUID column is made on its text ({@link UuidOrder}), whose order is the order of the column's keys
 * (its bytes unsigned): it bounds a range of the column as a comparison of the UUID itself would.
 */
final class KeyAccessAnalyzer {
    private final Map<Integer, Operand> equal = new HashMap<>();
    private final Map<Integer, Bound> lower = new HashMap<>();
    private final Map<Integer, Bound> upper = new HashMap<>();
    private final Map<Integer, List<Operand>> in = new HashMap<>();
    /** {@code (a = 1 AND b = 2) OR (a = 3 AND b = 4) ...}, the form of a short {@code (a, b) IN} list: its rows. */
    private List<Map<Integer, Operand>> tuples;

    private record Bound(Operand value, boolean inclusive) {
    }

    private KeyAccessAnalyzer() {
    }

    /** The best access the condition allows on the table, or null if only a full scan will do. */
    static KeyAccess choose(RexBuilder rex, RexNode condition, TableSchema s) {
        KeyAccessAnalyzer a = new KeyAccessAnalyzer();
        for (RexNode c : RelOptUtil.conjunctions(condition)) {
            if (c.getKind() == SqlKind.SEARCH && a.classifySearch((RexCall) c)) {
                continue;
            }
            for (RexNode e : RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, c))) {
                a.classify(e);
            }
        }
        return a.pick(s);
    }

    private KeyAccess pick(TableSchema s) {
        int[] key = s.keyPositions();
        if (allEqual(key)) {
            return new KeyAccess(KeyAccess.Kind.KEY_EQ, null, values(key, key.length), null, false, null, false,
                    List.of());
        }
        List<List<Operand>> keys = points(key);
        if (keys != null) {
            return KeyAccess.in(null, keys);
        }
        List<IndexDef> ixs = s.indexes();
        for (int i = 0; i < ixs.size(); i++) {
            if (ixs.get(i).isUnique() && allEqual(s.indexPositions(i))) {
                return indexEqual(s, i);
            }
        }
        if (s.kind() == TableKind.ORDERED_SET) {
            KeyAccess r = range(key, KeyAccess.Kind.KEY_RANGE, null);
            KeyAccess prefixes = prefixPoints(key);
            if (prefixes != null && (r == null || r.prefix.size() < prefixes.points.get(0).size())) {
                return prefixes;
            }
            if (r != null) {
                return r;
            }
        }
        for (int i = 0; i < ixs.size(); i++) {
            if (allEqual(s.indexPositions(i))) {
                return indexEqual(s, i);
            }
        }
        KeyAccess listed = null;
        for (int i = 0; i < ixs.size(); i++) {
            List<List<Operand>> values = points(s.indexPositions(i));
            if (values != null && (listed == null || ixs.get(i).isUnique())) {
                listed = KeyAccess.in(ixs.get(i).name(), values);
                if (ixs.get(i).isUnique()) {
                    break;
                }
            }
        }
        if (listed != null) {
            return listed;
        }
        KeyAccess best = null;
        for (int i = 0; i < ixs.size(); i++) {
            if (ixs.get(i).isOrdered()) {
                KeyAccess r = range(s.indexPositions(i), KeyAccess.Kind.INDEX_RANGE, ixs.get(i).name());
                if (r != null && (best == null || r.prefix.size() > best.prefix.size())) {
                    best = r;
                }
            }
        }
        return best;
    }

    /** The lookups an IN list (or a list of rows) gives for these columns, in their order; else null. */
    private List<List<Operand>> points(int[] cols) {
        List<List<Operand>> out = new ArrayList<>();
        if (cols.length == 1 && in.containsKey(cols[0])) {
            for (Operand v : in.get(cols[0])) {
                out.add(List.of(v));
            }
            return out;
        }
        if (tuples == null || cols.length == 0) {
            return null;
        }
        for (Map<Integer, Operand> row : tuples) {
            List<Operand> point = new ArrayList<>(cols.length);
            for (int c : cols) {
                Operand v = row.get(c);
                if (v == null) {
                    return null;
                }
                point.add(v);
            }
            out.add(point);
        }
        return out;
    }

    /**
     * On an ordered_set's key of several columns, lookups of the values an IN list (or a list of rows) gives for its
     * leading columns, the most of them first: each reads the range of keys that starts with those values.
     */
    private KeyAccess prefixPoints(int[] key) {
        for (int n = key.length - 1; n >= 1; n--) {
            List<List<Operand>> prefixes = points(Arrays.copyOf(key, n));
            if (prefixes != null && !prefixes.isEmpty()) {
                return KeyAccess.in(null, prefixes);
            }
        }
        return null;
    }

    private KeyAccess indexEqual(TableSchema s, int i) {
        int[] cols = s.indexPositions(i);
        return new KeyAccess(KeyAccess.Kind.INDEX_EQ, s.indexes().get(i).name(), values(cols, cols.length), null,
                false, null, false, List.of());
    }

    /** Leading equalities, then bounds on the next column; null if the columns allow neither. */
    private KeyAccess range(int[] cols, KeyAccess.Kind kind, String index) {
        int n = 0;
        while (n < cols.length && equal.containsKey(cols[n])) {
            n++;
        }
        Bound lo = n < cols.length ? lower.get(cols[n]) : null;
        Bound hi = n < cols.length ? upper.get(cols[n]) : null;
        if (n == 0 && lo == null && hi == null) {
            return null;
        }
        return new KeyAccess(kind, index, values(cols, n), lo == null ? null : lo.value(), lo != null && lo.inclusive(),
                hi == null ? null : hi.value(), hi != null && hi.inclusive(), List.of());
    }

    private boolean allEqual(int[] cols) {
        for (int c : cols) {
            if (!equal.containsKey(c)) {
                return false;
            }
        }
        return true;
    }

    private List<Operand> values(int[] cols, int n) {
        List<Operand> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(equal.get(cols[i]));
        }
        return out;
    }

    private void classify(RexNode c) {
        if (c.getKind() == SqlKind.OR) {
            classifyIn((RexCall) c);
            classifyTuples((RexCall) c);
            return;
        }
        if (!(c instanceof RexCall) || ((RexCall) c).getOperands().size() != 2) {
            return;
        }
        RexCall call = (RexCall) c;
        SqlKind kind = call.getKind();
        if (!(kind == SqlKind.EQUALS || kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL
                || kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL)) {
            return;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (keyColumn(b, kind == SqlKind.EQUALS) >= 0 && keyColumn(a, kind == SqlKind.EQUALS) < 0) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        int col = keyColumn(a, kind == SqlKind.EQUALS);
        Operand v = UuidOrder.textOf(a) != null ? uuidValue(b) : value(b);
        if (col < 0 || v == null) {
            return;
        }
        switch (kind) {
            case EQUALS: equal.putIfAbsent(col, v); break;
            case GREATER_THAN: lower.putIfAbsent(col, new Bound(v, false)); break;
            case GREATER_THAN_OR_EQUAL: lower.putIfAbsent(col, new Bound(v, true)); break;
            case LESS_THAN: upper.putIfAbsent(col, new Bound(v, false)); break;
            case LESS_THAN_OR_EQUAL: upper.putIfAbsent(col, new Bound(v, true)); break;
            default: break;
        }
    }

    /**
     * {@code SEARCH(col, Sarg)}, Calcite's form of IN lists and ranges: points become an IN list (or an
     * equality), one range becomes bounds. Returns false if the search has another shape.
     */
    private boolean classifySearch(RexCall search) {
        int col = keyColumn(search.getOperands().get(0), false);
        if (col < 0 || !(search.getOperands().get(1) instanceof RexLiteral)) {
            return false;
        }
        boolean uuidText = UuidOrder.textOf(search.getOperands().get(0)) != null;
        Sarg<?> sarg = ((RexLiteral) search.getOperands().get(1)).getValueAs(Sarg.class);
        if (sarg == null || sarg.nullAs == RexUnknownAs.TRUE) {
            return false;
        }
        if (sarg.isPoints()) {
            List<Operand> values = new ArrayList<>();
            for (Range<?> r : sarg.rangeSet.asRanges()) {
                Object v = sargValue(r.lowerEndpoint(), uuidText);
                if (v == null) {
                    return false;
                }
                values.add(Operand.constant(v));
            }
            if (values.size() == 1) {
                equal.putIfAbsent(col, values.get(0));
            } else {
                in.putIfAbsent(col, values);
            }
            return true;
        }
        if (sarg.rangeSet.asRanges().size() != 1) {
            return false;
        }
        Range<?> r = sarg.rangeSet.asRanges().iterator().next();
        if (r.hasLowerBound()) {
            Object v = sargValue(r.lowerEndpoint(), uuidText);
            if (v == null) {
                return false;
            }
            lower.putIfAbsent(col, new Bound(Operand.constant(v), r.lowerBoundType() == BoundType.CLOSED));
        }
        if (r.hasUpperBound()) {
            Object v = sargValue(r.upperEndpoint(), uuidText);
            if (v == null) {
                return false;
            }
            upper.putIfAbsent(col, new Bound(Operand.constant(v), r.upperBoundType() == BoundType.CLOSED));
        }
        return true;
    }

    /**
     * A Sarg endpoint in Calcite's internal form, or null for a kind keys never hold; of a search on a UUID's text
     * ({@code uuidText}), the UUID whose text it is.
     */
    private static Object sargValue(Object v, boolean uuidText) {
        if (uuidText) {
            return v instanceof NlsString ? uuidOfText(((NlsString) v).getValue()) : null;
        }
        if (v instanceof BigDecimal || v instanceof Boolean || v instanceof ByteString) {
            return v;
        }
        if (v instanceof NlsString) {
            return ((NlsString) v).getValue();
        }
        if (v instanceof DateString) {
            return ((DateString) v).getDaysSinceEpoch();
        }
        if (v instanceof TimeString) {
            return ((TimeString) v).getMillisOfDay();
        }
        if (v instanceof TimestampString) {
            return ((TimestampString) v).getMillisSinceEpoch();
        }
        if (v instanceof Number) {
            return v;
        }
        return null;
    }

    /** {@code col = v1 OR col = v2 ...} on one column. */
    private void classifyIn(RexCall or) {
        int col = -1;
        List<Operand> values = new ArrayList<>();
        for (RexNode d : or.getOperands()) {
            if (d.getKind() != SqlKind.EQUALS) {
                return;
            }
            RexCall eq = (RexCall) d;
            int c = column(eq.getOperands().get(0), true);
            Operand v = value(eq.getOperands().get(1));
            if (c < 0 || v == null || (col >= 0 && c != col)) {
                return;
            }
            col = c;
            values.add(v);
        }
        if (col >= 0) {
            in.putIfAbsent(col, values);
        }
    }

    /** {@code (a = 1 AND b = 2) OR (a = 3 AND b = 4) ...}: every branch equates columns with values. */
    private void classifyTuples(RexCall or) {
        if (tuples != null) {
            return;
        }
        List<Map<Integer, Operand>> rows = new ArrayList<>();
        for (RexNode d : or.getOperands()) {
            Map<Integer, Operand> row = new HashMap<>();
            for (RexNode e : RelOptUtil.conjunctions(d)) {
                if (e.getKind() != SqlKind.EQUALS) {
                    return;
                }
                RexCall eq = (RexCall) e;
                int c = column(eq.getOperands().get(0), true);
                Operand v = value(eq.getOperands().get(1));
                if (c < 0 || v == null) {
                    return;
                }
                row.putIfAbsent(c, v);
            }
            rows.add(row);
        }
        tuples = rows;
    }

    /**
     * The column a side refers to; a cast of a column that keeps its values ({@link NarrowingCasts#keepsEveryValue}:
     * a text cut short equals more texts), or a CHAR column without its padding, counts for equality (the value is
     * coerced back, and padded), and for ranges too when it only adds fractional digits to a TIME or
     * TIMESTAMP (as comparing it with a literal of more digits does): the values and their order stay the same.
     */
    static int column(RexNode n, boolean equality) {
        if (n instanceof RexInputRef) {
            return ((RexInputRef) n).getIndex();
        }
        if (n.getKind() == SqlKind.CAST && ((RexCall) n).getOperands().get(0) instanceof RexInputRef
                && addsDigits(((RexCall) n).getOperands().get(0).getType(), n.getType())) {
            return ((RexInputRef) ((RexCall) n).getOperands().get(0)).getIndex();
        }
        RexInputRef padded = equality ? PaddedChars.paddedColumn(n) : null;
        if (padded != null) {
            return padded.getIndex(); // a CHAR without its padding: the engine pads the value looked up
        }
        if (equality && n.getKind() == SqlKind.CAST && ((RexCall) n).getOperands().get(0) instanceof RexInputRef) {
            RexInputRef ref = (RexInputRef) ((RexCall) n).getOperands().get(0);
            return NarrowingCasts.keepsEveryValue(ref.getType(), n.getType()) ? ref.getIndex() : -1;
        }
        return -1;
    }

    /** {@link #column}, or the UUID column whose text ({@link UuidOrder}) a side is: its order is the column's. */
    private static int keyColumn(RexNode n, boolean equality) {
        RexNode uuid = UuidOrder.textOf(n);
        return uuid instanceof RexInputRef ? ((RexInputRef) uuid).getIndex() : column(n, equality);
    }

    private static boolean addsDigits(RelDataType from, RelDataType to) {
        SqlTypeName t = from.getSqlTypeName();
        return (t == SqlTypeName.TIME || t == SqlTypeName.TIMESTAMP) && to.getSqlTypeName() == t
                && to.getPrecision() >= from.getPrecision();
    }

    /**
     * What a UUID column's text is compared with, as a UUID: the text of a literal or parameter, or a literal text
     * (the text of a UUID literal, folded); null for anything else.
     */
    private static Operand uuidValue(RexNode n) {
        RexNode uuid = UuidOrder.textOf(n);
        if (uuid != null) {
            return value(uuid);
        }
        if (n instanceof RexLiteral && SqlTypeUtil.inCharFamily(n.getType()) && !((RexLiteral) n).isNull()) {
            UUID u = uuidOfText(((RexLiteral) n).getValueAs(String.class));
            return u == null ? null : Operand.constant(u);
        }
        return null;
    }

    /** The UUID whose canonical text (as {@link UuidOrder} writes it) {@code text} is, else null. */
    private static UUID uuidOfText(String text) {
        try {
            UUID u = UuidText.parse(text);
            return u.toString().equals(text) ? u : null;
        } catch (MnemoException e) {
            return null;
        }
    }

    private static Operand value(RexNode n) {
        if (n.getKind() == SqlKind.CAST) {
            RexNode inner = ((RexCall) n).getOperands().get(0);
            return inner instanceof RexDynamicParam ? Operand.parameter(((RexDynamicParam) inner).getIndex()) : null;
        }
        if (n instanceof RexDynamicParam) {
            return Operand.parameter(((RexDynamicParam) n).getIndex());
        }
        if (n instanceof RexLiteral && !((RexLiteral) n).isNull()) {
            Object v = literal((RexLiteral) n);
            return v == null ? null : Operand.constant(v);
        }
        return null;
    }

    /** A literal in Calcite's internal form, or null for a kind of literal keys never hold. */
    private static Object literal(RexLiteral l) {
        switch (l.getTypeName()) {
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT: case DECIMAL:
                return l.getValueAs(BigDecimal.class);
            case DOUBLE: case REAL: case FLOAT: return l.getValueAs(Double.class);
            case CHAR: case VARCHAR: return l.getValueAs(String.class);
            case BOOLEAN: return l.getValueAs(Boolean.class);
            case DATE: case TIME: return l.getValueAs(Integer.class);
            case TIMESTAMP: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return l.getValueAs(Long.class);
            case BINARY: case VARBINARY: return l.getValueAs(ByteString.class);
            case UUID: return l.getValueAs(UUID.class);
            default: return null;
        }
    }
}
