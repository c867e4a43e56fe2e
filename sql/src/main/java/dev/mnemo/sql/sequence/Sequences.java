package dev.mnemo.sql.sequence;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ExplicitTransaction;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.SequenceOptions;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The sequences of one database, kept as rows of the system table {@value #TABLE}: an ordinary engine table,
 * replicated and made durable like any other, that SQL does not show. Each row holds a sequence's definition and
 * the next value that no member has reserved yet.
 *
 * <p>A member hands out values from a block of {@code CACHE} values that it reserved by an ordinary transaction on
 * that row (advancing the next value past the block, re-run on conflict). The block's transaction has committed,
 * and for a disc database is durable, before any value of it is handed out: no two members, and no member before
 * and after a crash, ever hand out the same value (unless the sequence cycles). Values a member reserved but did not
 * hand out before it stopped are lost, as are values taken by a statement that is rolled back: a sequence is not
 * transactional, and has gaps.
 */
public final class Sequences {
    /** The system table of sequences; names starting with {@value #RESERVED_PREFIX} are not for users' tables. */
    public static final String TABLE = "MNEMO$SEQUENCES";
    public static final String RESERVED_PREFIX = "MNEMO$";
    /** Times a block reservation is tried before it gives up with 40001. */
    static final int RESERVE_ATTEMPTS_MAX = 1000;

    private final Mnemo db;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    public Sequences(Mnemo db) {
        this.db = db;
    }

    /** Whether the name is reserved for Mnemo's own tables. */
    public static boolean isReserved(String name) {
        return name.toUpperCase(Locale.ROOT).startsWith(RESERVED_PREFIX);
    }

    // ---- definitions ------------------------------------------------------------------------------------------

    /**
     * Creates a sequence; with {@code ifNotExists} an existing one is left as it is. Returns whether it made it. A
     * table of that name refuses it (42S01): the transaction reads that no table has the name, so a table created
     * by another member before it is ordered makes it run again and fail (see {@link #noSequenceNamed}). The
     * transaction first runs {@code precondition} (a read that throws to refuse), guarded the same way.
     */
    public boolean create(SequenceDef def, boolean ifNotExists, Owner owner, Consumer<Transaction> precondition) {
        ensureTable();
        long incarnation = ThreadLocalRandom.current().nextLong();
        return db.transaction(tx -> {
            if (tx.tableExists(def.name())) {
                throw new SqlError("42S01", "cannot create sequence " + def.name() + ": a table has that name");
            }
            precondition.accept(tx);
            if (tx.read(TABLE, def.name()) != null) {
                if (ifNotExists) {
                    return false;
                }
                throw new SqlError("42S01", "sequence " + def.name() + " already exists");
            }
            tx.insert(TABLE, Row.of(def.name(), incarnation, def.type().name(), def.start(), def.increment(),
                    def.minValue(), def.maxValue(), def.cycle(), def.cache(), def.start(),
                    owner == null ? null : owner.table(), owner == null ? null : owner.column(),
                    owner == null ? null : owner.generation()));
            return true;
        });
    }

    /**
     * Drops a sequence. A hidden one (an identity column's, named {@value #RESERVED_PREFIX}...) is dropped only with
     * {@code byOwner} (its table or column is being dropped); to anyone else it does not exist.
     */
    public void drop(String name, boolean ifExists, boolean byOwner) {
        if (!byOwner && isReserved(name) || !tableExists()) {
            absent(name, ifExists);
            return;
        }
        db.transaction(tx -> {
            if (tx.read(TABLE, name) == null) {
                absent(name, ifExists);
            } else {
                tx.delete(TABLE, name);
            }
            return null;
        });
        slots.remove(name);
    }

    /**
     * Alters a sequence as {@code ALTER SEQUENCE} does: a new definition from the options given, and a new next value
     * (see {@link SequenceDef#nextAfterAlter}). The row gets a new incarnation, so that every member drops the block
     * it holds and reserves its next one from the new state: once a member applied it, no value it hands out comes
     * from a block reserved before (an increment turned round may still count back through such values). A hidden
     * sequence does not exist here; with {@code ifExists} a missing one is no error.
     */
    public void alter(String name, SequenceOptions options, boolean ifExists) {
        if (isReserved(name) || !tableExists()) {
            absent(name, ifExists);
            return;
        }
        alterRow(name, options, ifExists);
    }

    /**
     * Alters the hidden sequence of an identity column ({@code ALTER TABLE t ALTER COLUMN c RESTART | SET ...}) as
     * {@link #alter} alters a sequence.
     */
    public void alterIdentity(Identity identity, SequenceOptions options) {
        alterRow(identity.sequence(), options, false);
    }

    private void alterRow(String name, SequenceOptions options, boolean ifExists) {
        long incarnation = ThreadLocalRandom.current().nextLong();
        db.transaction(tx -> {
            Row r = tx.read(TABLE, name);
            if (r == null) {
                absent(name, ifExists);
                return null;
            }
            SequenceDef old = definition(r);
            SequenceDef def = old.altered(options);
            Long next = def.nextAfterAlter(old, r.getLong("NEXT_VALUE"), options);
            tx.write(TABLE, r.with("INCARNATION", incarnation).with("START_VALUE", def.start())
                    .with("INCREMENT", def.increment()).with("MIN_VALUE", def.minValue())
                    .with("MAX_VALUE", def.maxValue()).with("CYCLE", def.cycle()).with("CACHE", def.cache())
                    .with("NEXT_VALUE", next));
            return null;
        });
    }

    /** The definition a sequence's row holds. */
    public static SequenceDef definition(Row r) {
        return new SequenceDef(r.getString("NAME"), ColumnType.Kind.valueOf(r.getString("DATA_TYPE")),
                r.getLong("START_VALUE"), r.getLong("INCREMENT"), r.getLong("MIN_VALUE"), r.getLong("MAX_VALUE"),
                r.getBoolean("CYCLE"), r.getLong("CACHE"));
    }

    /** Nothing to do for a sequence that does not exist, or 42000 without {@code ifExists}. */
    private static void absent(String name, boolean ifExists) {
        if (!ifExists) {
            throw unknown(name);
        }
    }

    /**
     * The precondition of creating a {@code kind} (a table or view) of this name: no sequence has it (42S01
     * otherwise). The engine orders the creation with this read, so a sequence of that name made by another member
     * first refuses it on every member.
     */
    public static Consumer<Transaction> noSequenceNamed(String kind, String name) {
        return noEntryNamed(TABLE, "sequence", kind, name);
    }

    /**
     * The precondition of creating a {@code kind} of this name: the system table {@code systemTable}, which keeps
     * one {@code entry} (a sequence, a view) a row keyed by its name, holds none of that name (42S01 otherwise).
     */
    public static Consumer<Transaction> noEntryNamed(String systemTable, String entry, String kind, String name) {
        return tx -> {
            if (tx.tableExists(systemTable) && tx.read(systemTable, name) != null) {
                throw new SqlError("42S01", "cannot create " + kind + " " + name + ": a " + entry + " has that name");
            }
        };
    }

    /** Whether a sequence of this name exists. */
    public boolean exists(String name) {
        return type(name) != null;
    }

    /** The type of the sequence of this name (BIGINT, INTEGER or SMALLINT), or null when there is none. */
    public ColumnType.Kind type(String name) {
        Row r = tableExists() ? db.dirtyRead(TABLE, name) : null;
        return r == null ? null : ColumnType.Kind.valueOf(r.getString("DATA_TYPE"));
    }

    /** The definition of the sequence of this name as this member holds it now, or null when there is none. */
    public SequenceDef definition(String name) {
        Row r = tableExists() ? db.dirtyRead(TABLE, name) : null;
        return r == null ? null : definition(r);
    }

    /** Every sequence's row of the system table, in name order. */
    public List<Row> all() {
        return tableExists() ? db.transaction(tx -> all(tx)) : List.of();
    }

    /** Every sequence's row of the system table, in name order, read in {@code tx} (a statement's). */
    public List<Row> all(Transaction tx) {
        return tableExists() ? tx.select(TABLE, KeyRange.all()) : List.of();
    }

    /** The error for a sequence that does not exist (42000, naming it). */
    public static SqlError unknown(String name) {
        return new SqlError("42000", "sequence " + name + " does not exist");
    }

    private boolean tableExists() {
        return db.engine().catalog().find(TABLE) != null;
    }

    private void ensureTable() {
        if (tableExists()) {
            return;
        }
        TableDef def = TableDef.named(TABLE).kind(TableKind.ORDERED_SET).storage(systemStorage(db))
                .column(ColumnDef.of("NAME", ColumnType.varchar(128)).notNull())
                .column(ColumnDef.of("INCARNATION", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("DATA_TYPE", ColumnType.varchar(16)).notNull())
                .column(ColumnDef.of("START_VALUE", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("INCREMENT", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("MIN_VALUE", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("MAX_VALUE", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("CYCLE", ColumnType.BOOLEAN).notNull())
                .column(ColumnDef.of("CACHE", ColumnType.BIGINT).notNull())
                // The next value no member has reserved; NULL once a sequence without CYCLE is used up.
                .column(ColumnDef.of("NEXT_VALUE", ColumnType.BIGINT))
                .column(ColumnDef.of("OWNER_TABLE", ColumnType.varchar(128)))
                .column(ColumnDef.of("OWNER_COLUMN", ColumnType.varchar(128)))
                .column(ColumnDef.of("GENERATION", ColumnType.varchar(16)))
                .primaryKey("NAME");
        db.createTable(def, true);
    }

    /** Whether Mnemo's system table {@code table} has been made (each is made on first use). */
    public static boolean systemTableExists(Mnemo db, String table) {
        return db.engine().catalog().find(table) != null;
    }

    /**
     * Makes a system table of this definition, where {@link #systemStorage} says, unless it is there already: made by
     * whichever member needs it first (IF NOT EXISTS leaves the other's).
     */
    public static void ensureSystemTable(Mnemo db, TableDef def) {
        if (!systemTableExists(db, def.name())) {
            db.createTable(def.storage(systemStorage(db)), true);
        }
    }

    /** Where Mnemo's system tables live: on disc when the database keeps disc tables, else in memory. */
    public static Storage systemStorage(Mnemo db) {
        MnemoConfig config = db.engine().config();
        return config.dataDir() != null || config.discInCommitLog() ? Storage.DISC : Storage.RAM;
    }

    /** The identity column that owns a sequence: {@code generation} is ALWAYS or BY DEFAULT. */
    public record Owner(String table, String column, String generation) {
        /** Whether the column refuses values given by a statement (GENERATED ALWAYS). */
        public boolean always() {
            return generation.equals("ALWAYS");
        }
    }

    /** Prefix of the hidden name of a table's identity sequence, followed by the table's name. */
    public static final String IDENTITY_PREFIX = RESERVED_PREFIX + "IDENTITY$";

    /** The name of the sequence behind a table's identity column (a table has at most one). */
    public static String identityName(String table) {
        return IDENTITY_PREFIX + table;
    }

    /**
     * Moves a table's identity sequence to follow a rename of its identity column ({@code ownerColumn}, the column's
     * new name), in one transaction that keeps its next value; returns whether the table has one. Run before the
     * rename, and again the other way if the rename fails: plans of the new table version read the identity as it
     * then is. Blocks members hold under the old name are a gap.
     */
    public boolean moveIdentity(String fromTable, String toTable, String ownerColumn) {
        Identity identity = identity(fromTable);
        if (identity == null) {
            return false;
        }
        db.transaction(tx -> {
            moveIdentity(tx, fromTable, toTable, ownerColumn);
            return null;
        });
        forget(identity);
        return true;
    }

    /**
     * Moves a table's identity sequence, if it has one, to follow a rename of the table ({@code toTable}) or of its
     * identity column, within {@code tx}: the write a rename of the table carries in its own log record
     * ({@link Mnemo#renameTable(String, String, Consumer)}), so that no statement is ordered between the two.
     */
    public static void moveIdentity(Transaction tx, String fromTable, String toTable, String ownerColumn) {
        String from = identityName(fromTable);
        Row r = tx.read(TABLE, from);
        if (r != null) {
            tx.delete(TABLE, from);
            tx.write(TABLE, r.with("NAME", identityName(toTable)).with("OWNER_TABLE", toTable)
                    .with("OWNER_COLUMN", ownerColumn));
        }
    }

    /** Drops this member's block of an identity sequence that moved: its values are a gap. */
    public void forget(Identity identity) {
        slots.remove(identity.sequence());
    }

    /** The identity column of a table and its sequence's name, or null when the table has none. */
    public Identity identity(String table) {
        String name = identityName(table);
        Row r = tableExists() ? db.dirtyRead(TABLE, name) : null;
        if (r == null || r.getString("OWNER_TABLE") == null) {
            return null;
        }
        return new Identity(name, new Owner(r.getString("OWNER_TABLE"), r.getString("OWNER_COLUMN"),
                r.getString("GENERATION")));
    }

    /** A table's identity column: the sequence that numbers it and the column that owns that sequence. */
    public record Identity(String sequence, Owner owner) {
    }

    // ---- values -----------------------------------------------------------------------------------------------

    /**
     * The sequence's next value on this member. Safe to call inside a statement's transaction: a new block is
     * reserved by a transaction of its own, which commits whatever becomes of the statement. Where that commit could
     * never apply, because this thread holds applies off (the held re-run of a read-only transaction that kept
     * conflicting), a call that needs a new block fails with 40001 instead.
     */
    public long next(String name) {
        return slots.computeIfAbsent(name, Slot::new).next();
    }

    /** One sequence's block on this member; its lock makes one thread at a time take values or reserve a block. */
    private final class Slot {
        private final String name;
        private long incarnation;
        private long nextValue;
        private long increment;
        /** Values of the block not yet handed out; 0 when a block must be reserved. */
        private long left;

        Slot(String name) {
            this.name = name;
        }

        synchronized long next() {
            Row current = tableExists() ? db.dirtyRead(TABLE, name) : null;
            if (current == null) {
                throw unknown(name);
            }
            if (current.getLong("INCARNATION") != incarnation) {
                left = 0; // dropped and created again since this block was reserved
            }
            if (left == 0) {
                reserve();
            }
            long v = nextValue;
            left--;
            nextValue += increment; // wraps only past the block's last value, which is never handed out
            return v;
        }

        private void reserve() {
            if (db.engine().appliesHeldByCurrentThread()) {
                // A read-only statement's last re-run holds applies off: the reservation's commit could never apply.
                throw new SqlError("40001", "the statement needs a new block of values of sequence " + name
                        + ", which cannot be reserved in the run that follows its conflicts with concurrent writes;"
                        + " run it again");
            }
            for (int attempt = 0; attempt < RESERVE_ATTEMPTS_MAX; attempt++) {
                ExplicitTransaction tx = db.begin();
                try {
                    Row r = tx.read(TABLE, name);
                    if (r == null) {
                        throw unknown(name);
                    }
                    Block b = Block.after(name, r);
                    tx.write(TABLE, r.with("NEXT_VALUE", b.nextUnreserved()));
                    tx.commit();
                    incarnation = r.getLong("INCARNATION");
                    nextValue = b.first();
                    increment = r.getLong("INCREMENT");
                    left = b.count();
                    return;
                } catch (TransactionConflictException e) {
                    // another member or thread reserved a block meanwhile: read the row again
                } finally {
                    if (tx.isOpen()) {
                        tx.rollback();
                    }
                }
            }
            throw new SqlError("40001", "could not reserve values of sequence " + name + " after "
                    + RESERVE_ATTEMPTS_MAX + " conflicting attempts");
        }
    }
}
