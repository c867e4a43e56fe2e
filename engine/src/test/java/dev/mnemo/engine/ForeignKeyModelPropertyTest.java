package dev.mnemo.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random transactions that write, delete and change the keys of parents and write and delete children, against a
 * naive model of foreign keys: the state a record leaves, parents it deletes taking their committed children with
 * them (CASCADE), clearing their reference (SET NULL) or failing the record (NO ACTION); parents whose key it changes
 * (declared moved) giving every child that references the old key the new key, NULL, or failing the record while the
 * old key is gone (actions run on the record's net change: a key moved away and back within it changes nothing, and
 * the children it wrote under the old key of a parent it inserted and then moved follow that parent), unless the
 * record deletes the new key again, which makes it a delete; and every child left needing its parent. The engine
 * must commit exactly the records the model commits and hold the same rows after each.
 */
class ForeignKeyModelPropertyTest {
    private static final int PARENTS = 5;
    private static final int CHILDREN = 8;

    /**
     * The committed rows: parent ids, and each child's parent (null for none); while a record is modelled, also
     * the parents it moved: the original key → the key where the row ends.
     */
    private record State(Set<Integer> parents, Map<Integer, Integer> children, Map<Integer, Integer> moved) {
        State copy() {
            return new State(new TreeSet<>(parents), new TreeMap<>(children), new TreeMap<>());
        }
    }

    private interface Op {
        void run(Transaction tx);

        void model(State s);
    }

    private static Op randomOp(Random r) {
        int p = r.nextInt(PARENTS);
        int c = r.nextInt(CHILDREN);
        Integer ref = r.nextInt(4) == 0 ? null : r.nextInt(PARENTS);
        int q = r.nextInt(PARENTS);
        switch (r.nextInt(5)) {
            case 0: return new Op() {
                public void run(Transaction tx) {
                    tx.write("parent", Row.of(p));
                }

                public void model(State s) {
                    s.parents().add(p);
                }
            };
            case 1: return new Op() {
                public void run(Transaction tx) {
                    tx.delete("parent", p);
                }

                public void model(State s) {
                    s.parents().remove(p);
                    s.moved().values().remove(p); // a parent moved to p and deleted there is deleted
                }
            };
            case 2: return new Op() {
                public void run(Transaction tx) {
                    tx.write("child", Row.of(c, ref));
                }

                public void model(State s) {
                    s.children().put(c, ref);
                }
            };
            case 3: return new Op() {
                public void run(Transaction tx) { // UPDATE parent SET id = q WHERE id = p
                    Row old = tx.read("parent", p);
                    if (old != null && tx.read("parent", q) == null) {
                        tx.moved("parent", old, Row.of(q));
                        tx.delete("parent", p);
                        tx.insert("parent", Row.of(q));
                    }
                }

                public void model(State s) {
                    if (s.parents().contains(p) && !s.parents().contains(q)) {
                        s.parents().remove(p);
                        s.parents().add(q);
                        Integer origin = s.moved().entrySet().stream().filter(e -> e.getValue() == p)
                                .map(Map.Entry::getKey).findFirst().orElse(p);
                        if (origin == q) {
                            s.moved().remove(origin); // back where it started: the record changes no key
                        } else {
                            s.moved().put(origin, q);
                        }
                    }
                }
            };
            default: return new Op() {
                public void run(Transaction tx) {
                    tx.delete("child", c);
                }

                public void model(State s) {
                    s.children().remove(c);
                }
            };
        }
    }

    /** The state after {@code ops} on {@code committed}, or null if a foreign key fails the record. */
    private static State expected(State committed, List<Op> ops, ForeignKeyAction action) {
        State after = committed.copy();
        ops.forEach(op -> op.model(after));
        if (!moveChildren(committed, after, action)) {
            return null;
        }
        ForeignKeyAction onDelete = action;
        Set<Integer> deleted = new HashSet<>(committed.parents());
        deleted.removeAll(after.parents());
        deleted.removeAll(after.moved().keySet());
        for (int parent : deleted) {
            for (Map.Entry<Integer, Integer> c : committed.children().entrySet()) {
                Integer now = after.children().get(c.getKey());
                if (Integer.valueOf(parent).equals(c.getValue()) && Integer.valueOf(parent).equals(now)) {
                    if (onDelete == ForeignKeyAction.NO_ACTION) {
                        return null;
                    }
                    if (onDelete == ForeignKeyAction.CASCADE) {
                        after.children().remove(c.getKey());
                    } else {
                        after.children().put(c.getKey(), null);
                    }
                }
            }
        }
        for (Integer ref : after.children().values()) {
            if (ref != null && !after.parents().contains(ref)) {
                return null;
            }
        }
        return new State(after.parents(), after.children(), new TreeMap<>());
    }

    /**
     * ON UPDATE of the parents the record moved, committed or written by the record itself: each child that
     * references the old key as the record leaves it (the children it wrote there included) follows to the new key
     * (CASCADE) or loses it (SET NULL); false if NO ACTION fails the record.
     */
    private static boolean moveChildren(State committed, State after, ForeignKeyAction onUpdate) {
        Map<Integer, Integer> refs = new TreeMap<>(after.children());
        for (Map.Entry<Integer, Integer> move : after.moved().entrySet()) {
            int from = move.getKey();
            if (move.getValue() == from) {
                continue; // moved back where it began: its referenced key keeps its value, so it is no update
            }
            for (Map.Entry<Integer, Integer> c : refs.entrySet()) {
                if (c.getValue() == null || c.getValue() != from) {
                    continue;
                }
                if (onUpdate == ForeignKeyAction.NO_ACTION) {
                    if (!after.parents().contains(from)) {
                        return false;
                    }
                } else {
                    after.children().put(c.getKey(), onUpdate == ForeignKeyAction.CASCADE ? move.getValue() : null);
                }
            }
        }
        return true;
    }

    private static State actual(Mnemo db) {
        State s = new State(new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
        db.transaction(tx -> {
            tx.select("parent", KeyRange.all()).forEach(row -> s.parents().add(row.getInt("id")));
            tx.select("child", KeyRange.all()).forEach(row -> s.children().put(row.getInt("id"),
                    (Integer) row.get("parent_id")));
            return null;
        });
        return s;
    }

    @Property(tries = 60)
    void theEngineCommitsWhatTheModelCommits(@ForAll long seed,
                                            @ForAll @IntRange(min = 0, max = 2) int action) {
        ForeignKeyAction onDelete = new ForeignKeyAction[] {ForeignKeyAction.NO_ACTION, ForeignKeyAction.CASCADE,
            ForeignKeyAction.SET_NULL}[action];
        Random r = new Random(seed);
        try (Mnemo db = Mnemo.inMemory()) {
            db.createTable(TableDef.named("parent").column("id", ColumnType.INTEGER).primaryKey("id"));
            db.createTable(TableDef.named("child").column("id", ColumnType.INTEGER)
                    .column("parent_id", ColumnType.INTEGER).primaryKey("id")
                    .foreignKey(ForeignKeyDef.on("parent_id").references("parent").onDelete(onDelete)
                            .onUpdate(onDelete)));
            State committed = new State(new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
            for (int t = 0; t < 120; t++) {
                List<Op> ops = new ArrayList<>();
                for (int i = 1 + r.nextInt(4); i > 0; i--) {
                    ops.add(randomOp(r));
                }
                State want = expected(committed, ops, onDelete);
                if (want == null) {
                    assertThatThrownBy(() -> db.transaction(tx -> {
                        ops.forEach(op -> op.run(tx));
                        return null;
                    })).as("transaction %d", t).isInstanceOf(ForeignKeyViolationException.class);
                } else {
                    db.transaction(tx -> {
                        ops.forEach(op -> op.run(tx));
                        return null;
                    });
                    committed = want;
                }
                assertThat(actual(db)).as("after transaction %d", t).isEqualTo(committed);
            }
        }
    }
}
