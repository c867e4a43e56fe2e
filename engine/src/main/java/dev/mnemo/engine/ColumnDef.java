package dev.mnemo.engine;

import dev.mnemo.engine.codec.Conversions;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A column as the user declares it: name, type, whether it may be NULL, and its default: a constant value, the time
 * of the write ({@link TimeDefault}), a new random UUID for each row ({@link #withRandomUuidDefault()}), or the next
 * value of a named sequence ({@link #withSequenceDefault}), which the SQL layer draws.
 */
public final class ColumnDef {
    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final Object defaultValue;
    private final TimeDefault timeDefault;
    private final boolean randomUuidDefault;
    /** The sequence whose next value the default is, or null. */
    private final String sequenceDefault;

    private ColumnDef(String name, ColumnType type, boolean nullable, Object defaultValue, TimeDefault timeDefault,
                      boolean randomUuidDefault, String sequenceDefault) {
        this.name = Names.check("column", name);
        this.type = Objects.requireNonNull(type, "type");
        this.nullable = nullable;
        this.defaultValue = defaultValue;
        this.timeDefault = timeDefault;
        this.randomUuidDefault = randomUuidDefault;
        this.sequenceDefault = sequenceDefault;
    }

    private ColumnDef(String name, ColumnType type, boolean nullable, Object defaultValue, TimeDefault timeDefault) {
        this(name, type, nullable, defaultValue, timeDefault, false, null);
    }

    /** A nullable column without a default. */
    public static ColumnDef of(String name, ColumnType type) {
        return new ColumnDef(name, type, true, null, null);
    }

    /** The same column, declared NOT NULL. */
    public ColumnDef notNull() {
        return new ColumnDef(name, type, false, defaultValue, timeDefault, randomUuidDefault,
                sequenceDefault);
    }

    /** The same column under another name. */
    public ColumnDef withName(String newName) {
        return new ColumnDef(newName, type, nullable, defaultValue, timeDefault, randomUuidDefault,
                sequenceDefault);
    }

    /**
     * The same column of another type, its default converted to it ({@link Conversions}): a constant that the type
     * cannot hold fails as a write of it would, a default that is the time of the write must suit the type, a
     * random-UUID default keeps the column a UUID one ({@link SchemaException} for any other type), and a sequence
     * default is kept as it is.
     */
    public ColumnDef withType(ColumnType newType) {
        if (sequenceDefault != null) {
            return new ColumnDef(name, newType, nullable, null, null, false, sequenceDefault);
        }
        if (randomUuidDefault) {
            // Kept, never dropped unasked: rows written from then on would hold NULL where a UUID was promised.
            return new ColumnDef(name, newType, nullable, null, null).withRandomUuidDefault();
        }
        Object converted = Conversions.convert(type, newType, defaultValue, name);
        ColumnDef c = new ColumnDef(name, newType, nullable, converted, null);
        return timeDefault == null ? c : c.withTimeDefault(timeDefault, converted);
    }

    /** The same column, NULL allowed ({@code nullable}) or not. */
    public ColumnDef withNullable(boolean nullable) {
        return new ColumnDef(name, type, nullable, defaultValue, timeDefault, randomUuidDefault,
                sequenceDefault);
    }

    /** The same column without a default: a row that gives no value holds NULL. */
    public ColumnDef withoutDefault() {
        return new ColumnDef(name, type, nullable, null, null);
    }

    /**
     * The same column with {@code other}'s default for the rows written from now on: its constant, or the time of
     * the write (checked against this column's type).
     */
    public ColumnDef withDefaultOf(ColumnDef other) {
        if (other.randomUuidDefault) {
            return withRandomUuidDefault();
        }
        if (other.sequenceDefault != null) {
            return withSequenceDefault(other.sequenceDefault);
        }
        return other.timeDefault == null ? withDefault(other.defaultValue) : withTimeDefault(other.timeDefault, null);
    }

    /**
     * The same column with a constant default, used when a row gives none (and for rows written before the column
     * was added).
     */
    public ColumnDef withDefault(Object value) {
        return new ColumnDef(name, type, nullable, value, null);
    }

    /**
     * The same column whose default is the time of the write. Adding such a column to a table stamps it with the
     * time of the change ({@link #stampedAt}), which the rows already there read.
     */
    public ColumnDef withTimeDefault(TimeDefault kind) {
        return withTimeDefault(kind, null);
    }

    /**
     * The same column whose default is the time of the write, and whose rows written before the column was added
     * read {@code addedAt} (null for a column made with its table, or not added yet).
     */
    public ColumnDef withTimeDefault(TimeDefault kind, Object addedAt) {
        if (!kind.fits(type)) {
            throw new SchemaException("column " + name + " of type " + type + " cannot have DEFAULT " + kind);
        }
        return new ColumnDef(name, type, nullable, addedAt, kind);
    }

    /**
     * The same column whose default is a new random (version 4) UUID for each row, as SQL's {@code DEFAULT
     * RANDOM_UUID()}: the member that makes the write draws it, so the log carries it and every member stores the
     * same one. Only a UUID column takes it.
     */
    public ColumnDef withRandomUuidDefault() {
        if (type.kind() != ColumnType.Kind.UUID) {
            throw new SchemaException("column " + name + " of type " + type + " cannot have DEFAULT RANDOM_UUID():"
                    + " only a UUID column can");
        }
        return new ColumnDef(name, type, nullable, null, null, true, null);
    }

    /**
     * The same column whose default is the next value of sequence {@code sequence} for each row, as SQL's {@code
     * DEFAULT NEXT VALUE FOR sequence}. The engine keeps only the name: the SQL layer, which keeps the sequences,
     * draws the value for each row it writes and checks that the sequence exists and suits the column's type.
     */
    public ColumnDef withSequenceDefault(String sequence) {
        if (sequence == null || sequence.isBlank()) {
            throw new SchemaException("the sequence of column " + name + "'s default must be named");
        }
        // Kept as given, not upper-cased: a quoted sequence name keeps its case.
        return new ColumnDef(name, type, nullable, null, null, false, sequence);
    }

    /** The same column, its time default stamped with {@code now} for the rows already there; as it is otherwise. */
    public ColumnDef stampedAt(ZonedDateTime now) {
        return timeDefault == null ? this : withTimeDefault(timeDefault, timeDefault.valueAt(now, type));
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    /**
     * The default value as given (coerced to the column type when the table is created), or null. For a column
     * whose default is the time of the write, the value that rows written before the column was added read.
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** What the default is the time of, or null for a constant default (or none). */
    public TimeDefault timeDefault() {
        return timeDefault;
    }

    /** Whether the default is a new random UUID for each row ({@link #withRandomUuidDefault()}). */
    public boolean randomUuidDefault() {
        return randomUuidDefault;
    }

    /** The sequence whose next value is the column's default ({@link #withSequenceDefault}), or null. */
    public String sequenceDefault() {
        return sequenceDefault;
    }

    /** Whether the default is drawn by the member that makes the write: the time of the write or a random UUID. */
    public boolean drawnAtWrite() {
        return timeDefault != null || randomUuidDefault;
    }

    /** Whether the column declares a default: a constant, the time of the write, a random UUID or a sequence's. */
    public boolean hasDefault() {
        return defaultValue != null || drawnAtWrite() || sequenceDefault != null;
    }

    /**
     * The value a row written at {@code now} takes when it gives none (not yet coerced to the column's type): a new
     * UUID for each call when the default is a random one. Null for a sequence default, which the engine cannot
     * draw: the SQL layer gives the value in the row.
     */
    public Object defaultAt(ZonedDateTime now) {
        if (randomUuidDefault) {
            return UUID.randomUUID();
        }
        return timeDefault == null ? defaultValue : timeDefault.valueAt(now, type);
    }

    @Override
    public String toString() {
        Object def = randomUuidDefault ? "RANDOM_UUID()" : sequenceDefault != null ? "NEXT VALUE FOR " + sequenceDefault
                : timeDefault != null ? timeDefault : defaultValue;
        return name + " " + type + (nullable ? "" : " NOT NULL") + (def == null ? "" : " DEFAULT " + def);
    }
}
