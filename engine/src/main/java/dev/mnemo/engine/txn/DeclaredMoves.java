package dev.mnemo.engine.txn;

import dev.mnemo.engine.InvalidMoveException;
import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a record declares moved ({@link WriteOp.Type#MOVED}) and what each became, worked out by following the
 * record's writes in order from the committed state. A move must find its row in place under its key when declared
 * (committed, or written by the record before it), or continue an earlier move of that row whose new row is in place;
 * otherwise the record fails. A moved row's new row that the record writes and then removes (a delete of its key, or
 * of that bag row) counts as deleted: the old row's children see a delete, not a row that later takes the key.
 * Applier thread only.
 */
final class DeclaredMoves {
    /** What a moved row became when the record deleted its new row afterwards. */
    static final Object[] DELETED = new Object[0];

    /** A declared move in progress: the row it started from, the row it made, and whether the record wrote that. */
    private static final class Move {
        final ByteKey from;
        ByteKey to;
        ByteKey toKey;
        boolean written;

        Move(ByteKey from) {
            this.from = from;
        }
    }

    private final Map<Applier.KeyRef, List<ByteKey>> state = new HashMap<>();
    private final Map<Table, Map<ByteKey, Object[]>> successors = new HashMap<>();
    /** Per table: the moves in progress by the row they started from. */
    private final Map<Table, Map<ByteKey, Move>> byFrom = new HashMap<>();
    /** Per table: the moves in progress by the row they make (rows of a bag may become alike). */
    private final Map<Table, Map<ByteKey, List<Move>>> byTo = new HashMap<>();

    private DeclaredMoves() {
    }

    /** Per table: the rows (by their encoding) the record declares moved, each with what it became or DELETED. */
    static Map<Table, Map<ByteKey, Object[]>> of(Catalog catalog, List<WriteOp> writes) {
        DeclaredMoves moves = null;
        for (int i = 0; i < writes.size(); i++) {
            if (moves == null && !writes.get(i).writes()) {
                moves = new DeclaredMoves();
                for (int j = 0; j < i; j++) {
                    moves.follow(catalog.byId(writes.get(j).tableId()), writes.get(j));
                }
            }
            if (moves != null) {
                moves.follow(catalog.byId(writes.get(i).tableId()), writes.get(i));
            }
        }
        return moves == null ? new HashMap<>() : moves.successors;
    }

    private void follow(Table t, WriteOp w) {
        if (t == null) {
            return; // a dropped table: planning fails the record
        }
        List<ByteKey> rows = rowsAt(t, w.key());
        ByteKey row = w.type() == WriteOp.Type.DELETE ? null : image(t, w.schemaVersion(), w.row());
        switch (w.type()) {
            case MOVED -> declare(t, w, rows, row);
            case DELETE -> {
                rows.forEach(r -> removed(t, r));
                rows.clear();
            }
            case BAG_REMOVE -> {
                if (rows.remove(row)) {
                    removed(t, row);
                }
            }
            case BAG_ADD -> {
                if (!rows.contains(row)) {
                    rows.add(row);
                }
                written(t, row);
            }
            default -> { // INSERT, PUT: a set's one row
                for (ByteKey was : rows) {
                    replaced(t, was, row);
                }
                rows.clear();
                rows.add(row);
                written(t, row);
            }
        }
    }

    private void declare(Table t, WriteOp w, List<ByteKey> rows, ByteKey to) {
        ByteKey from = image(t, w.schemaVersion(), w.from());
        Map<ByteKey, Move> moves = byFrom.computeIfAbsent(t, x -> new HashMap<>());
        Move earlier = moves.get(from);
        Move move;
        if (earlier != null && earlier.written && rowsAt(t, earlier.toKey.bytes()).contains(earlier.to)) {
            move = earlier; // the row an earlier move made moves on
        } else if (rows.contains(from)) {
            if (earlier != null) {
                retarget(t, earlier, null); // that move's row went, and the row is back under a key: it starts anew
            }
            move = new Move(from);
            moves.put(from, move);
        } else {
            throw new InvalidMoveException("table " + t.schema().name() + " has no row " + Arrays.toString(
                    decode(t, w.schemaVersion(), w.from())) + " under its key to move: it changed or was never there");
        }
        Object[] next = decode(t, w.schemaVersion(), w.row());
        retarget(t, move, to);
        move.toKey = new ByteKey(t.keyOf(t.schema(), next));
        move.written = false;
        successors.computeIfAbsent(t, x -> new HashMap<>()).put(move.from, next);
    }

    /** Files {@code m} under the row it makes now ({@code to}, null once that row is deleted). */
    private void retarget(Table t, Move m, ByteKey to) {
        Map<ByteKey, List<Move>> index = byTo.computeIfAbsent(t, x -> new HashMap<>());
        if (m.to != null) {
            index.get(m.to).remove(m);
        }
        m.to = to;
        if (to != null) {
            index.computeIfAbsent(to, k -> new ArrayList<>(1)).add(m);
        }
    }

    /** The moves whose new row is {@code row} and that the record wrote. */
    private List<Move> writtenMovesTo(Table t, ByteKey row) {
        List<Move> out = new ArrayList<>();
        for (Move m : byTo.getOrDefault(t, Map.of()).getOrDefault(row, List.of())) {
            if (m.written) {
                out.add(m);
            }
        }
        return out;
    }

    /** A write stored {@code row}: a move whose new row it is now has it in place. */
    private void written(Table t, ByteKey row) {
        for (Move m : byTo.getOrDefault(t, Map.of()).getOrDefault(row, List.of())) {
            m.written = true;
        }
    }

    /** A set's row written over: a move's new row so changed in place stays that move's row. */
    private void replaced(Table t, ByteKey was, ByteKey row) {
        for (Move m : writtenMovesTo(t, was)) {
            retarget(t, m, row);
        }
    }

    /** A write removed {@code row}: a move whose new row it was, once written, made a row that is deleted. */
    private void removed(Table t, ByteKey row) {
        for (Move m : writtenMovesTo(t, row)) {
            retarget(t, m, null);
            m.written = false;
            successors.get(t).put(m.from, DELETED);
        }
    }

    /** The rows under a key as the record's writes so far leave them, by their encoding. */
    private List<ByteKey> rowsAt(Table t, byte[] key) {
        return state.computeIfAbsent(new Applier.KeyRef(t.tableId(), new ByteKey(key)), k -> {
            List<ByteKey> rows = new ArrayList<>();
            byte[] stored = t.stored(key);
            if (stored != null) {
                for (Object[] r : t.decodeStored(stored)) {
                    rows.add(new ByteKey(t.encodeRow(t.schema(), r)));
                }
            }
            return rows;
        });
    }

    private static Object[] decode(Table t, int schemaVersion, byte[] row) {
        return t.decode(schemaVersion, row, 0, row.length);
    }

    private static ByteKey image(Table t, int schemaVersion, byte[] row) {
        return new ByteKey(t.encodeRow(t.schema(), decode(t, schemaVersion, row)));
    }
}
