package dev.mnemo.engine.txn;

import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.ForeignKeyViolationException;
import dev.mnemo.engine.NotNullViolationException;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.References;
import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces foreign keys on the changes a record is about to make, against the state the record leaves (its own
 * writes included, so a record may insert a parent and its child in either order). First every parent row the
 * record deletes or changes away: child rows that still reference it fail the record (NO ACTION, RESTRICT) or are
 * deleted (CASCADE) or get NULL in their foreign key columns (SET NULL), and those changes go through the same
 * step, so cascades chain. Then every child row written must find its parent. Applier thread only; finds rows
 * through keys and indexes, never by scanning a table.
 */
final class ForeignKeyCheck implements References.State {
    private final Catalog catalog;
    private final long version;
    private final List<Change> changes;
    private final Map<Applier.KeyRef, Integer> at = new HashMap<>();
    private final ArrayDeque<Change> work = new ArrayDeque<>();
    /** Per table and index: the index keys of the rows the changes leave, made when first asked. */
    private final Map<Table, Map<Integer, Set<ByteKey>>> written = new HashMap<>();

    private ForeignKeyCheck(Catalog catalog, List<Change> planned, long version) {
        this.catalog = catalog;
        this.version = version;
        this.changes = new ArrayList<>(planned);
        for (int i = 0; i < changes.size(); i++) {
            at.put(refOf(changes.get(i).table(), changes.get(i).key()), i);
        }
    }

    /** The planned changes with the cascades they cause; throws if a foreign key would be broken. */
    static List<Change> run(Catalog catalog, List<Change> planned, long version) {
        if (planned.isEmpty() || !catalog.hasForeignKeys()) {
            return planned;
        }
        for (Change c : planned) {
            if (!c.table().schema().foreignKeys().isEmpty() || !catalog.referencing(c.table().tableId()).isEmpty()) {
                return new ForeignKeyCheck(catalog, planned, version).run();
            }
        }
        return planned; // no table this record writes has or is referenced by a foreign key
    }

    private List<Change> run() {
        work.addAll(changes);
        while (!work.isEmpty()) {
            Change c = work.poll();
            if (c.before() != null) {
                release(c);
            }
        }
        for (Change c : changes) {
            if (c.after() != null && !c.table().schema().foreignKeys().isEmpty()) {
                checkParents(c);
            }
        }
        changes.removeIf(c -> Arrays.equals(c.before(), c.after())); // a row inserted and cascaded away again
        return changes;
    }

    private static Applier.KeyRef refOf(Table t, byte[] key) {
        return new Applier.KeyRef(t.tableId(), new ByteKey(key));
    }

    @Override
    public byte[] stored(Table t, byte[] key) {
        Integer i = at.get(refOf(t, key));
        return i == null ? t.stored(key) : changes.get(i).after();
    }

    @Override
    public boolean written(Table t, int ix, byte[] ik) {
        return written.computeIfAbsent(t, x -> new HashMap<>()).computeIfAbsent(ix, i -> indexKeysWritten(t, i))
                .contains(new ByteKey(ik));
    }

    private Set<ByteKey> indexKeysWritten(Table t, int ix) {
        TableSchema s = t.schema();
        Set<ByteKey> out = new HashSet<>();
        for (Change c : changes) {
            if (c.table() == t && c.after() != null) {
                for (Object[] row : t.decodeStored(c.after())) {
                    out.add(new ByteKey(t.indexKeyOf(s, ix, row)));
                }
            }
        }
        return out;
    }

    /** The parent rows {@code c} takes away: their children must go, lose the reference, or stop the record. */
    private void release(Change c) {
        Table parent = c.table();
        List<Catalog.Inbound> inbound = catalog.referencing(parent.tableId());
        if (inbound.isEmpty()) {
            return;
        }
        TableSchema ps = parent.schema();
        for (Catalog.Inbound in : inbound) {
            int[] referenced = References.parentPositions(ps, in.foreignKey());
            for (Object[] row : parent.decodeStored(c.before())) {
                Object[] values = References.valuesAt(row, referenced);
                if (values != null && !References.parentHas(parent, in.foreignKey(), values, this)) {
                    detachChildren(c, in, values, referenced);
                }
            }
        }
    }

    private void detachChildren(Change c, Catalog.Inbound in, Object[] values, int[] referenced) {
        Table child = in.child();
        ForeignKeyDef fk = in.foreignKey();
        TableSchema cs = child.schema();
        int ix = cs.coveringIndex(fk.columns());
        byte[] ik = child.encodeIndexValues(cs, ix, values);
        // The parent row is still there with other values in the referenced columns: an update, not a delete.
        ForeignKeyAction action = c.after() != null ? fk.onUpdate() : fk.onDelete();
        for (byte[] holder : child.indexes().get(ix).lookup(ik, false)) {
            byte[] now = stored(child, holder);
            if (!References.holds(child, cs, ix, now, ik)) {
                continue;
            }
            if (action.refuses()) {
                List<String> names = new ArrayList<>();
                for (int p : referenced) {
                    names.add(c.table().schema().column(p).name());
                }
                throw new ForeignKeyViolationException((c.after() != null ? "update of" : "delete from") + " table "
                        + c.table().schema().name() + " violates foreign key " + fk.name() + " of table " + cs.name()
                        + ": key " + References.describe(names, values) + " is still referenced from table "
                        + cs.name());
            }
            setStored(child, holder, detached(child, cs, ix, ik, now, in, action));
        }
    }

    /** The stored value of a child key without its rows that hold {@code ik} (CASCADE), or with them set NULL. */
    private byte[] detached(Table child, TableSchema cs, int ix, byte[] ik, byte[] now, Catalog.Inbound in,
                            ForeignKeyAction action) {
        int[] positions = cs.foreignKeyPositions(in.position());
        List<StoredValue.Image> kept = new ArrayList<>();
        for (Object[] row : child.decodeStored(now)) {
            if (!Arrays.equals(child.indexKeyOf(cs, ix, row), ik)) {
                kept.add(new StoredValue.Image(cs.version(), child.encodeRow(cs, row)));
            } else if (action == ForeignKeyAction.SET_NULL) {
                Object[] nulled = row.clone();
                for (int p : positions) {
                    if (!cs.column(p).nullable()) {
                        throw new NotNullViolationException("foreign key " + in.foreignKey().name() + " of table "
                                + cs.name() + " sets column " + cs.column(p).name() + " NULL, but it is NOT NULL");
                    }
                    nulled[p] = null;
                }
                kept.add(new StoredValue.Image(cs.version(), child.encodeRow(cs, nulled)));
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (cs.kind() != TableKind.BAG) {
            return StoredValue.single(version, cs.version(), kept.get(0).row());
        }
        return StoredValue.bag(version, kept);
    }

    private void setStored(Table t, byte[] key, byte[] after) {
        Applier.KeyRef ref = refOf(t, key);
        Integer i = at.get(ref);
        Change next;
        if (i == null) {
            next = new Change(t, key, t.stored(key), after);
            at.put(ref, changes.size());
            changes.add(next);
        } else {
            Change was = changes.get(i);
            next = new Change(t, was.key(), was.before(), after);
            changes.set(i, next);
        }
        written.clear();
        work.add(next);
    }

    /** Every row {@code c} leaves under its key must find the parent of each of its non-NULL foreign keys. */
    private void checkParents(Change c) {
        Table child = c.table();
        TableSchema cs = child.schema();
        List<ForeignKeyDef> fks = cs.foreignKeys();
        for (Object[] row : child.decodeStored(c.after())) {
            for (int i = 0; i < fks.size(); i++) {
                ForeignKeyDef fk = fks.get(i);
                Object[] values = References.valuesAt(row, cs.foreignKeyPositions(i));
                if (values == null) {
                    continue;
                }
                Table parent = catalog.byId(fk.parentTableId());
                if (!References.parentHas(parent, fk, values, this)) {
                    throw new ForeignKeyViolationException("insert or update on table " + cs.name()
                            + " violates foreign key " + fk.name() + ": key " + References.describe(fk.columns(),
                            values) + " is not present in table " + parent.schema().name());
                }
            }
        }
    }
}
