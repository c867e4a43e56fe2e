package dev.mnemo.engine.txn;

import dev.mnemo.engine.ActionValidator;
import dev.mnemo.engine.ChecksNotJudgedException;
import dev.mnemo.engine.DuplicateKeyException;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Enforces foreign keys on the changes a record is about to make, against the state the record leaves (its own
 * writes included, so a record may insert a parent and its child in either order). First every parent row the
 * record takes away. A row the record turns into another (one it declares {@link WriteOp.Type#MOVED}) whose
 * referenced columns change: ON UPDATE, where CASCADE gives the children the new values (a row the record itself
 * wrote and then moved too, for the children it wrote under the old values). Any other row is judged by
 * its values, as before moves could be declared: if no row holds them any more and children reference them, a key
 * left empty runs ON DELETE (children fail the record with NO ACTION or RESTRICT, are deleted with CASCADE, get NULL
 * with SET NULL) and a key that still holds rows fails the record. Those changes go through the same step,
 * so actions chain; a child row that a cascade moves to another key lands there only once every row is taken away,
 * so keys may pass each other. Then every child row written must find its parent, and the {@link ActionValidator}
 * judges each child row an action rewrote, as the record leaves it. Applier thread only; finds rows
 * through keys and indexes, never by scanning a table; works in the record's order, so every member does the same.
 */
final class ForeignKeyCheck implements References.State {
    private final Catalog catalog;
    private final long version;
    private final ActionValidator validator;
    private final List<Change> changes;
    private final Map<Applier.KeyRef, Integer> at = new HashMap<>();
    private final ArrayDeque<Change> work = new ArrayDeque<>();
    /**
     * Per table and index: for each index key, the keys whose changed rows hold it; made when first asked, then kept
     * up to date as changes are added, so that finding the children a record writes never walks all its changes.
     */
    private final Map<Table, Map<Integer, Map<ByteKey, Set<ByteKey>>>> written = new HashMap<>();
    /** Per table: the rows (by their encoding) this record turns into other rows, declared or by a cascade. */
    private final Map<Table, Map<ByteKey, Object[]>> successors = new HashMap<>();
    /** Per table: the rows an ON UPDATE action made, with the positions of the foreign keys that made them. */
    private final Map<Table, Map<ByteKey, Set<Integer>>> madeBy = new HashMap<>();
    /** Child rows a cascade moved to another key, waiting to land there. */
    private final List<Arrival> arrivals = new ArrayList<>();
    /** Per table and index: the arrivals by the index key of their rows, made when first asked, kept up to date. */
    private final Map<Table, Map<Integer, Map<ByteKey, Set<Arrival>>>> arriving = new HashMap<>();
    /** Whether an ON UPDATE CASCADE wrote new values, which unique indexes and row limits must take. */
    private boolean cascaded;
    /**
     * The rows turned into others (the keys of {@link #successors}), in the order they were, the same on every member;
     * those from {@link #movedReleased} on are still to be looked at by {@link #releaseWrittenMoves}.
     */
    private final List<Moved> moved = new ArrayList<>();
    private int movedReleased;

    /** A row of a table, by its encoding, that the record turns into another. */
    private record Moved(Table table, ByteKey row) {
    }

    /** A child row on its way to the key its new values give it. */
    private static final class Arrival {
        final Table table;
        Object[] row;

        Arrival(Table table, Object[] row) {
            this.table = table;
            this.row = row;
        }
    }

    private ForeignKeyCheck(Catalog catalog, List<Change> planned, long version, ActionValidator validator) {
        this.catalog = catalog;
        this.version = version;
        this.validator = validator;
        this.changes = new ArrayList<>(planned);
        for (int i = 0; i < changes.size(); i++) {
            at.put(refOf(changes.get(i).table(), changes.get(i).key()), i);
        }
    }

    /**
     * The planned changes with the changes their foreign keys' actions make; throws if a foreign key would be
     * broken, or if a row it declares moved was not in place. {@code writes} are the record's writes, for its moves;
     * {@code validator} judges the child rows the actions rewrite, as the record leaves them.
     */
    static List<Change> run(Catalog catalog, List<Change> planned, List<WriteOp> writes, long version,
                            ActionValidator validator) {
        if (planned.isEmpty() || !catalog.hasForeignKeys()) {
            return planned;
        }
        for (Change c : planned) {
            if (!c.table().schema().foreignKeys().isEmpty() || !catalog.referencing(c.table().tableId()).isEmpty()) {
                ForeignKeyCheck check = new ForeignKeyCheck(catalog, planned, version, validator);
                check.declare(DeclaredMoves.of(catalog, writes));
                return check.run();
            }
        }
        return planned; // no table this record writes has or is referenced by a foreign key
    }

    /** Takes the record's declared moves, in order of table id and row so that every member looks at them alike. */
    private void declare(Map<Table, Map<ByteKey, Object[]>> declared) {
        successors.putAll(declared);
        List<Table> tables = new ArrayList<>(declared.keySet());
        tables.sort(Comparator.comparingLong(Table::tableId));
        for (Table t : tables) {
            for (ByteKey row : new TreeSet<>(declared.get(t).keySet())) {
                moved.add(new Moved(t, row));
            }
        }
    }

    private List<Change> run() {
        work.addAll(changes);
        do {
            do {
                while (!work.isEmpty()) {
                    Change c = work.poll();
                    if (c.before() != null) {
                        release(c);
                    }
                }
                releaseWrittenMoves();
            } while (!work.isEmpty());
            land();
        } while (!work.isEmpty());
        for (Change c : changes) {
            if (c.after() != null && !c.table().schema().foreignKeys().isEmpty()) {
                checkParents(c);
            }
        }
        changes.removeIf(c -> Arrays.equals(c.before(), c.after())); // a row inserted and cascaded away again
        validateRewritten();
        return cascaded ? Applier.checked(changes) : changes;
    }

    /**
     * Hands the validator each child row an action rewrote that the record leaves stored: judged as it ends up, not
     * as one action of several left it, in the record's order of changes, the same on every member.
     */
    private void validateRewritten() {
        if (madeBy.isEmpty()) {
            return;
        }
        for (Change c : changes) {
            Map<ByteKey, Set<Integer>> made = madeBy.get(c.table());
            if (made == null || c.after() == null) {
                continue;
            }
            for (Object[] row : c.table().decodeStored(c.after())) {
                if (made.containsKey(image(c.table(), row))) {
                    validate(c.table().schema(), row);
                }
            }
        }
    }

    /**
     * Judges one rewritten row. Without a validator, a table with checks cannot be judged here as members with one
     * judge it: this member stops, rather than apply what they may refuse.
     */
    private void validate(TableSchema schema, Object[] row) {
        if (validator != ActionValidator.NONE) {
            validator.validate(schema, row);
        } else if (schema.hasChecks()) {
            throw new ChecksNotJudgedException("this member stops applying at version " + version + ": a foreign"
                    + " key's action rewrites rows of table " + schema.name() + ", which has checks, and nothing"
                    + " judges them here (no ActionValidator: Mnemo.validateActions), while members that judge them"
                    + " may refuse it; reopen it with its SQL layer, which judges them");
        }
    }

    private static Applier.KeyRef refOf(Table t, byte[] key) {
        return new Applier.KeyRef(t.tableId(), new ByteKey(key));
    }

    private static ByteKey image(Table t, Object[] row) {
        return new ByteKey(t.encodeRow(t.schema(), row));
    }

    @Override
    public byte[] stored(Table t, byte[] key) {
        Integer i = at.get(refOf(t, key));
        return i == null ? t.stored(key) : changes.get(i).after();
    }

    @Override
    public boolean written(Table t, int ix, byte[] ik) {
        Set<ByteKey> keys = writtenHolders(t, ix).get(new ByteKey(ik));
        return keys != null && !keys.isEmpty();
    }

    /** The keys of {@code t} that the changes give a row with each index key of index {@code ix}. */
    private Map<ByteKey, Set<ByteKey>> writtenHolders(Table t, int ix) {
        return written.computeIfAbsent(t, x -> new HashMap<>()).computeIfAbsent(ix, i -> {
            Map<ByteKey, Set<ByteKey>> out = new HashMap<>();
            for (Change c : changes) {
                if (c.table() == t) {
                    holding(out, t, i, c.after(), new ByteKey(c.key()), true);
                }
            }
            return out;
        });
    }

    /** Adds {@code key} to (or removes it from) the holders of each index key of the rows of {@code stored}. */
    private static void holding(Map<ByteKey, Set<ByteKey>> holders, Table t, int ix, byte[] stored, ByteKey key,
                                boolean add) {
        if (stored == null) {
            return;
        }
        for (Object[] row : t.decodeStored(stored)) {
            ByteKey ik = new ByteKey(t.indexKeyOf(t.schema(), ix, row));
            if (add) {
                holders.computeIfAbsent(ik, k -> new LinkedHashSet<>()).add(key);
            } else if (holders.containsKey(ik)) {
                holders.get(ik).remove(key);
            }
        }
    }

    /**
     * The parent rows {@code c} takes away: their children follow, lose the reference, go, or stop the record. Foreign
     * key by foreign key, then row by row, as before moves could be declared, so that a record without one applies
     * as it always did.
     */
    private void release(Change c) {
        Table parent = c.table();
        List<Catalog.Inbound> inbound = catalog.referencing(parent.tableId());
        if (inbound.isEmpty()) {
            return;
        }
        List<Object[]> rows = parent.decodeStored(c.before());
        Object[][] successors = new Object[rows.size()][];
        for (int i = 0; i < successors.length; i++) {
            successors[i] = successor(parent, rows.get(i));
        }
        for (Catalog.Inbound in : inbound) {
            for (int i = 0; i < successors.length; i++) {
                releaseRow(parent, in, rows.get(i), successors[i], c.after() != null);
            }
        }
    }

    /**
     * The actions run on the record's net change. A row the record wrote and then turned into another (declared moved,
     * or moved by a cascade) was never committed, so no change takes it away; yet the children the record wrote
     * under its old values are part of that change: ON UPDATE runs for them as for a committed row (CASCADE gives them
     * the new values, SET NULL clears them, NO ACTION and RESTRICT leave them to fail in {@link #checkParents}). A
     * committed row is released by the change of its key; one moved and then deleted leaves its children to fail.
     */
    private void releaseWrittenMoves() {
        while (movedReleased < moved.size()) {
            Moved m = moved.get(movedReleased++);
            Table t = m.table();
            Object[] successor = successors.get(t).get(m.row());
            List<Catalog.Inbound> inbound = catalog.referencing(t.tableId());
            if (inbound.isEmpty() || successor == DeclaredMoves.DELETED) {
                continue;
            }
            byte[] image = m.row().bytes();
            Object[] row = t.decode(t.schema().version(), image, 0, image.length);
            if (committed(t, row, image)) {
                continue;
            }
            for (Catalog.Inbound in : inbound) {
                releaseRow(t, in, row, successor, true);
            }
        }
    }

    /** True if the committed state holds {@code row} (encoded as {@code image}) under its key. */
    private static boolean committed(Table t, Object[] row, byte[] image) {
        byte[] stored = t.stored(t.keyOf(t.schema(), row));
        if (stored == null) {
            return false;
        }
        for (Object[] r : t.decodeStored(stored)) {
            if (Arrays.equals(t.encodeRow(t.schema(), r), image)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The row that {@code row} became, declared moved or by a cascade ({@link DeclaredMoves#DELETED} if the record
     * deleted what it moved to); null if it was not turned into another.
     */
    private Object[] successor(Table t, Object[] row) {
        Map<ByteKey, Object[]> declared = successors.get(t);
        return declared == null ? null : declared.get(image(t, row));
    }

    /**
     * Releases {@code row}'s children under one foreign key. A row with a successor runs ON UPDATE where the
     * referenced columns change; one moved and then deleted by the record runs ON DELETE. A row without one is
     * judged by its values, as before moves could be declared: if no row holds them any more, its key left empty runs
     * ON DELETE, and a key that still holds rows (an undeclared change, which may be a delete and an insert)
     * refuses while children reference them.
     */
    private void releaseRow(Table parent, Catalog.Inbound in, Object[] row, Object[] successor, boolean keyHolds) {
        ForeignKeyDef fk = in.foreignKey();
        int[] referenced = References.parentPositions(parent.schema(), fk);
        Object[] values = References.valuesAt(row, referenced);
        if (values == null) {
            return;
        }
        if (successor == null || successor == DeclaredMoves.DELETED) {
            boolean update = keyHolds && successor == null;
            if (!References.parentHas(parent, fk, values, this)) {
                ForeignKeyAction action = update ? ForeignKeyAction.NO_ACTION : fk.onDelete();
                detachChildren(parent, in, values, referenced, action, null, update);
            }
            return;
        }
        Object[] next = new Object[referenced.length];
        for (int i = 0; i < referenced.length; i++) {
            next[i] = successor[referenced[i]];
        }
        if (Arrays.deepEquals(next, values)) {
            return; // the referenced columns keep their values
        }
        // NO ACTION and RESTRICT look at the values: if another row holds them now, the children keep a parent.
        // CASCADE and SET NULL act on the children of this row, whatever other rows hold.
        if (!fk.onUpdate().refuses() || !References.parentHas(parent, fk, values, this)) {
            detachChildren(parent, in, values, referenced, fk.onUpdate(), next, true);
        }
    }

    /**
     * Applies {@code action} to the child rows that reference {@code values}: the committed ones, and for an update
     * ({@code next} not null) that acts also those this record writes or moves, except the rows this foreign key's own
     * action made (they already reference their parent's new values). A refusal names an update or a delete.
     */
    private void detachChildren(Table parent, Catalog.Inbound in, Object[] values, int[] referenced,
                                ForeignKeyAction action, Object[] next, boolean update) {
        Table child = in.child();
        TableSchema cs = child.schema();
        int ix = cs.coveringIndex(in.foreignKey().columns());
        byte[] ik = child.encodeIndexValues(cs, ix, values);
        Set<ByteKey> holders = new LinkedHashSet<>();
        for (byte[] holder : child.indexes().get(ix).lookup(ik, false)) {
            holders.add(new ByteKey(holder));
        }
        if (next != null && !action.refuses()) { // a refusal leaves the record's own children to checkParents
            holders.addAll(writtenHolders(child, ix).getOrDefault(new ByteKey(ik), Set.of()));
        }
        for (ByteKey holder : holders) {
            byte[] now = stored(child, holder.bytes());
            if (!holds(child, cs, ix, now, ik, in)) {
                continue;
            }
            if (action.refuses()) {
                throw stillReferenced(parent, in, values, referenced, update);
            }
            setStored(child, holder.bytes(), detached(child, cs, ix, ik, holder.bytes(), now, in, action, next));
        }
        if (next != null) {
            redirectArrivals(parent, in, values, referenced, action, next, ix, ik);
        }
    }

    /** True if a row of the stored value has the index key {@code ik} and was not made by {@code in}'s action. */
    private boolean holds(Table child, TableSchema cs, int ix, byte[] stored, byte[] ik, Catalog.Inbound in) {
        if (stored == null) {
            return false;
        }
        for (Object[] row : child.decodeStored(stored)) {
            if (Arrays.equals(child.indexKeyOf(cs, ix, row), ik) && !madeBy(child, row, in)) {
                return true;
            }
        }
        return false;
    }

    private boolean madeBy(Table child, Object[] row, Catalog.Inbound in) {
        Map<ByteKey, Set<Integer>> made = madeBy.get(child);
        Set<Integer> by = made == null ? null : made.get(image(child, row));
        return by != null && by.contains(in.position());
    }

    private static ForeignKeyViolationException stillReferenced(Table parent, Catalog.Inbound in, Object[] values,
                                                                int[] referenced, boolean update) {
        List<String> names = new ArrayList<>();
        for (int p : referenced) {
            names.add(parent.schema().column(p).name());
        }
        String child = in.child().schema().name();
        ForeignKeyAction onUpdate = in.foreignKey().onUpdate();
        String undeclared = update && !onUpdate.refuses()
                ? " (ON UPDATE " + onUpdate.sql() + " acts only on a row declared moved)" : "";
        return new ForeignKeyViolationException((update ? "update of" : "delete from") + " table "
                + parent.schema().name() + " violates foreign key " + in.foreignKey().name() + " of table " + child
                + ": key " + References.describe(names, values) + " is still referenced from table " + child
                + undeclared);
    }

    /**
     * The stored value of a child key after {@code action} on its rows that hold {@code ik}: without them (CASCADE
     * of a delete), with their foreign key columns NULL (SET NULL) or the parent's new values (CASCADE of an
     * update). A row whose new values give it another key leaves this one and arrives at that key later.
     */
    private byte[] detached(Table child, TableSchema cs, int ix, byte[] ik, byte[] key, byte[] now,
                            Catalog.Inbound in, ForeignKeyAction action, Object[] next) {
        List<StoredValue.Image> kept = new ArrayList<>();
        Set<ByteKey> images = new HashSet<>();
        for (Object[] row : child.decodeStored(now)) {
            Object[] after = row;
            if (Arrays.equals(child.indexKeyOf(cs, ix, row), ik) && !madeBy(child, row, in)) {
                if (action == ForeignKeyAction.CASCADE && next == null) {
                    continue;
                }
                after = rewritten(child, in, row, action, next);
                if (!Arrays.equals(child.keyOf(cs, after), key)) {
                    arrive(new Arrival(child, after));
                    continue;
                }
            }
            byte[] encoded = child.encodeRow(cs, after);
            if (images.add(new ByteKey(encoded))) { // a bag keeps one of two rows that became alike
                kept.add(new StoredValue.Image(cs.version(), encoded));
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

    /**
     * The child row with {@code in}'s columns set NULL or to the parent's new values; remembered as what the row
     * became (so that foreign keys referencing the child follow it) and as made by {@code in}'s action.
     */
    private Object[] rewritten(Table child, Catalog.Inbound in, Object[] row, ForeignKeyAction action,
                               Object[] next) {
        TableSchema cs = child.schema();
        int[] positions = cs.foreignKeyPositions(in.position());
        Object[] out = row.clone();
        cascaded |= action == ForeignKeyAction.CASCADE;
        for (int i = 0; i < positions.length; i++) {
            Object v = action == ForeignKeyAction.SET_NULL ? null : next[i];
            if (v == null && !cs.column(positions[i]).nullable()) {
                throw new NotNullViolationException("foreign key " + in.foreignKey().name() + " of table "
                        + cs.name() + " sets column " + cs.column(positions[i]).name() + " NULL, but it is NOT NULL");
            }
            out[positions[i]] = v;
        }
        ByteKey was = image(child, row);
        ByteKey is = image(child, out);
        successors.computeIfAbsent(child, x -> new HashMap<>()).put(was, out);
        moved.add(new Moved(child, was));
        Map<ByteKey, Set<Integer>> made = madeBy.computeIfAbsent(child, x -> new HashMap<>());
        Set<Integer> by = new HashSet<>(made.getOrDefault(was, Set.of()));
        by.add(in.position());
        made.put(is, by);
        return out;
    }

    /** The child rows on their way to a new key that reference {@code values}: the action applies to them too. */
    private void redirectArrivals(Table parent, Catalog.Inbound in, Object[] values, int[] referenced,
                                  ForeignKeyAction action, Object[] next, int ix, byte[] ik) {
        Table child = in.child();
        if (arrivals.isEmpty()) {
            return;
        }
        for (Arrival a : new ArrayList<>(arriving(child, ix).getOrDefault(new ByteKey(ik), Set.of()))) {
            if (madeBy(child, a.row, in)) {
                continue;
            }
            if (action.refuses()) {
                throw stillReferenced(parent, in, values, referenced, true);
            }
            Object[] was = a.row;
            indexArrival(a, false);
            a.row = rewritten(child, in, was, action, next);
            indexArrival(a, true);
            for (Catalog.Inbound grand : catalog.referencing(child.tableId())) {
                releaseRow(child, grand, was, a.row, true);
            }
        }
    }

    private void arrive(Arrival a) {
        arrivals.add(a);
        indexArrival(a, true);
    }

    /** The arrivals of {@code t} by the key of their rows in index {@code ix}. */
    private Map<ByteKey, Set<Arrival>> arriving(Table t, int ix) {
        return arriving.computeIfAbsent(t, x -> new HashMap<>()).computeIfAbsent(ix, i -> {
            Map<ByteKey, Set<Arrival>> out = new HashMap<>();
            for (Arrival a : arrivals) {
                if (a.table == t) {
                    out.computeIfAbsent(new ByteKey(t.indexKeyOf(t.schema(), i, a.row)), k -> new LinkedHashSet<>())
                            .add(a);
                }
            }
            return out;
        });
    }

    /** Adds an arrival to (or removes it from) the indexes of its table made so far, under its row's keys. */
    private void indexArrival(Arrival a, boolean add) {
        for (Map.Entry<Integer, Map<ByteKey, Set<Arrival>>> e : arriving.getOrDefault(a.table, Map.of()).entrySet()) {
            ByteKey ik = new ByteKey(a.table.indexKeyOf(a.table.schema(), e.getKey(), a.row));
            if (add) {
                e.getValue().computeIfAbsent(ik, k -> new LinkedHashSet<>()).add(a);
            } else if (e.getValue().containsKey(ik)) {
                e.getValue().get(ik).remove(a);
            }
        }
    }

    /**
     * The child rows that cascades moved: each lands under its new key, which no row may hold in a set (not even an
     * identical one); in a bag it joins the key's rows unless an identical row is there (a bag holds no two alike).
     */
    private void land() {
        List<Arrival> landing = new ArrayList<>(arrivals);
        arrivals.clear();
        arriving.clear();
        for (Arrival a : landing) {
            Table t = a.table;
            TableSchema s = t.schema();
            byte[] key = t.keyOf(s, a.row);
            byte[] now = stored(t, key);
            byte[] row = t.encodeRow(s, a.row);
            if (s.kind() != TableKind.BAG) {
                if (now != null) { // even an identical row: two rows would silently become one
                    throw new DuplicateKeyException("a foreign key's ON UPDATE CASCADE gives a row of table "
                            + s.name() + " a key that another row has");
                }
                setStored(t, key, StoredValue.single(version, s.version(), row));
                continue;
            }
            List<StoredValue.Image> rows = new ArrayList<>(now == null ? List.of() : StoredValue.bagRows(now));
            boolean present = false;
            for (StoredValue.Image im : rows) {
                present |= Arrays.deepEquals(t.decode(im.schemaVersion(), im.row(), 0, im.row().length), a.row);
            }
            if (!present) {
                rows.add(new StoredValue.Image(s.version(), row));
                setStored(t, key, StoredValue.bag(version, rows));
            }
        }
    }

    private void setStored(Table t, byte[] key, byte[] after) {
        Applier.KeyRef ref = refOf(t, key);
        Integer i = at.get(ref);
        Change next;
        byte[] was = null;
        if (i == null) {
            next = new Change(t, key, t.stored(key), after);
            at.put(ref, changes.size());
            changes.add(next);
        } else {
            was = changes.get(i).after();
            next = new Change(t, changes.get(i).key(), changes.get(i).before(), after);
            changes.set(i, next);
        }
        for (Map.Entry<Integer, Map<ByteKey, Set<ByteKey>>> e : written.getOrDefault(t, Map.of()).entrySet()) {
            holding(e.getValue(), t, e.getKey(), was, ref.key(), false);
            holding(e.getValue(), t, e.getKey(), after, ref.key(), true);
        }
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
