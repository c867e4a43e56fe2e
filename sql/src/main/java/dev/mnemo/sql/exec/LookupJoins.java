package dev.mnemo.sql.exec;

import dev.mnemo.engine.Row;
import dev.mnemo.engine.Transaction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a lookup join ({@code MnemoLookupJoin}): each outer row followed by each table row under the key (or
 * index values) its join columns hold, read in the statement's transaction as a KEY_EQ or INDEX_EQ scan reads
 * it (the transaction depends on those keys or index values only), and kept where the join's remaining condition
 * holds. A NULL, or a value the looked-up column cannot hold, matches nothing; under a LEFT join an outer row that
 * keeps no match comes once, with NULLs for the table's columns; under a semi-join an outer row that keeps a match
 * comes once, alone. Outer rows are read lazily, one at a time.
 */
public final class LookupJoins {
    private LookupJoins() {
    }

    /**
     * The joined rows of {@code outer} (arrays); {@code condition} (null for none) tests an outer row and a table
     * row found by the lookup, in Calcite's internal form.
     */
    public static Enumerable<Object[]> join(DataContext root, LookupSpec spec, Enumerable<Object[]> outer,
                                            Predicate2<Object[], Object[]> condition) {
        Transaction tx = ((MnemoDataContext) root).transaction();
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new Joined(tx, spec, outer.enumerator(), condition);
            }
        };
    }

    private static final class Joined implements Enumerator<Object[]> {
        private final Transaction tx;
        private final LookupSpec spec;
        private final Enumerator<Object[]> outer;
        private final Predicate2<Object[], Object[]> condition;
        /** The table rows the current outer row matches, and the next of them to give. */
        private final List<Object[]> matches = new ArrayList<>();
        private int next;
        private Object[] outerRow;
        private Object[] current;

        Joined(Transaction tx, LookupSpec spec, Enumerator<Object[]> outer, Predicate2<Object[], Object[]> condition) {
            this.tx = tx;
            this.spec = spec;
            this.outer = outer;
            this.condition = condition;
        }

        @Override
        public Object[] current() {
            return current;
        }

        @Override
        public boolean moveNext() {
            while (next == matches.size()) {
                if (!outer.moveNext()) {
                    return false;
                }
                outerRow = outer.current();
                lookUp();
                if (matches.isEmpty() && spec.keepUnmatched) {
                    current = joined(null);
                    return true;
                }
            }
            current = joined(matches.get(next++));
            return true;
        }

        /** Reads the table rows the outer row's values match into {@link #matches}. */
        private void lookUp() {
            matches.clear();
            next = 0;
            Object[] values = new Object[spec.outerColumns.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = MnemoRuntime.engineValue(outerRow[spec.outerColumns[i]], spec.lookedUpTypes[i]);
                if (values[i] == null) {
                    return;
                }
            }
            String table = spec.schema.name();
            List<Row> rows = spec.index == null ? tx.readAll(table, values) : tx.indexRead(table, spec.index, values);
            for (Row r : rows) {
                Object[] row = (Object[]) MnemoRuntime.internalRow(spec.schema, false, r);
                if (condition == null || condition.apply(outerRow, row)) {
                    matches.add(row);
                    if (spec.outerOnly) {
                        return; // a semi-join's row comes once, however many rows match it
                    }
                }
            }
        }

        private Object[] joined(Object[] tableRow) {
            if (spec.outerOnly) {
                return outerRow;
            }
            Object[] out = Arrays.copyOf(outerRow, outerRow.length + spec.schema.columnCount());
            if (tableRow != null) {
                System.arraycopy(tableRow, 0, out, outerRow.length, tableRow.length);
            }
            return out;
        }

        @Override
        public void reset() {
            outer.reset();
            matches.clear();
            next = 0;
        }

        @Override
        public void close() {
            outer.close();
        }
    }
}
