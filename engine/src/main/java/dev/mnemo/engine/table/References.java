package dev.mnemo.engine.table;

import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;

import java.util.Arrays;
import java.util.List;

/**
 * How a foreign key finds rows: the parent row that child values reference (through the parent's primary key or
 * the unique index on the referenced columns), and the child rows that may reference parent values (through the
 * index on the foreign key's columns that every child table keeps). Neither scans a table.
 */
public final class References {
    private References() {
    }

    /** The state a lookup sees: the committed rows, or those as a record being applied leaves them. */
    public interface State {
        /** The stored value under {@code key} of {@code t}, or null. */
        byte[] stored(Table t, byte[] key);

        /** True if a key of {@code t} that this state changes holds a row with the key {@code ik} in index ix. */
        boolean written(Table t, int ix, byte[] ik);
    }

    /** The committed rows, as they stand. */
    public static final State COMMITTED = new State() {
        @Override
        public byte[] stored(Table t, byte[] key) {
            return t.stored(key);
        }

        @Override
        public boolean written(Table t, int ix, byte[] ik) {
            return false;
        }
    };

    /** Positions in {@code parent} of the columns {@code fk} references; -1 for a column the parent lacks. */
    public static int[] parentPositions(TableSchema parent, ForeignKeyDef fk) {
        int[] ids = fk.parentColumnIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = parent.positionOfId(ids[i]);
        }
        return out;
    }

    /** The unique index of {@code s} on exactly these positions, -2 if they are the primary key, else -1. */
    public static int keyOn(TableSchema s, int[] positions) {
        if (s.kind() != TableKind.BAG && Arrays.equals(positions, s.keyPositions())) {
            return -2;
        }
        for (int i = 0; i < s.indexes().size(); i++) {
            if (s.indexes().get(i).isUnique() && Arrays.equals(positions, s.indexPositions(i))) {
                return i;
            }
        }
        return -1;
    }

    /** True if {@code parent} holds, in {@code state}, a row whose columns that {@code fk} references hold values. */
    public static boolean parentHas(Table parent, ForeignKeyDef fk, Object[] values, State state) {
        TableSchema ps = parent.schema();
        int ix = keyOn(ps, parentPositions(ps, fk));
        if (ix == -2) {
            return state.stored(parent, parent.encodeKey(values)) != null;
        }
        if (ix < 0) {
            throw new IllegalStateException("foreign key " + fk.name() + " references columns of table " + ps.name()
                    + " that are no longer a key");
        }
        byte[] ik = parent.encodeIndexValues(ps, ix, values);
        for (byte[] holder : parent.indexes().get(ix).lookup(ik, false)) {
            if (holds(parent, ps, ix, state.stored(parent, holder), ik)) {
                return true;
            }
        }
        return state.written(parent, ix, ik);
    }

    /** True if a row of the stored value (null: none) has the index key {@code ik} in index {@code ix}. */
    public static boolean holds(Table t, TableSchema s, int ix, byte[] stored, byte[] ik) {
        if (stored == null) {
            return false;
        }
        for (Object[] row : t.decodeStored(stored)) {
            if (Arrays.equals(t.indexKeyOf(s, ix, row), ik)) {
                return true;
            }
        }
        return false;
    }

    /** The values of a row in the given positions, or null if any of them is NULL (it references nothing). */
    public static Object[] valuesAt(Object[] row, int[] positions) {
        Object[] out = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = row[positions[i]];
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    /** A readable {@code (a, b)=(1, 2)} of values in columns, for messages. */
    public static String describe(List<String> columns, Object[] values) {
        StringBuilder names = new StringBuilder("(");
        StringBuilder vals = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            names.append(i == 0 ? "" : ", ").append(columns.get(i));
            vals.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return names.append(")=").append(vals).append(')').toString();
    }
}
