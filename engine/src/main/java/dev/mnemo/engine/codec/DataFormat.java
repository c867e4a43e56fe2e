package dev.mnemo.engine.codec;

/**
 * The version of the data one member writes for others to read: commit records ({@code RecordCodec}), table
 * schemas ({@link SchemaCodec}), keys and rows ({@link KeyCodec}, {@link RowCodec}) and stored values
 * ({@code StoredValue}, which snapshots carry; a snapshot's own framing has a format number of its own). New encodings
 * are added beside the old ones, so a build reads what older builds wrote (journals and snapshots on disc survive
 * an upgrade); an older build cannot read a newer one's records, though. Members therefore give this version when
 * they connect and refuse a peer that writes another: every member of a cluster writes the same format, and a
 * cluster upgrades member by member, with the members on each side of the change refusing the others, so
 * whichever side is a majority goes on.
 *
 * <p>Raise it with every change to those encodings; {@code DataFormatPinTest} fails until it is.
 */
public final class DataFormat {
    /**
     * 2: the MOVED write, a key change declared so that foreign keys run ON UPDATE. 3: the range read, a walk over
     * part of an ordered_set validated by what the range holds rather than by the whole table's version. 4: the index
     * range read, a lookup or range of a secondary index validated alike; and an index made for a foreign key is
     * marked so in its schema, and goes with the foreign key. 5: the drop of a table with the foreign keys that
     * reference it, one schema change. 6: the SET_PRIMARY_KEY schema change, which re-keys a table. 7: the UUID and
     * TIMESTAMP_TZ column types, kinds older builds do not know (a TIMESTAMP_TZ's rows and keys are a TIMESTAMP's at
     * UTC); and a table's schema holds its check mark, which the SET_CHECKS schema change sets. 8: a column's default
     * may be a random UUID for each row. 9: text keeps a lone UTF-16 surrogate as the 3-byte form of its value
     * ({@link Utf8}) where older builds wrote '?' (valid text is unchanged, so older data reads as it did). 10: a
     * column's default may be the next value of a sequence, which the schema names. 11: keys encode text char by char,
     * a character above U+FFFF as its two surrogates ({@link KeyCodec}), so they order as {@link String#compareTo}
     * does; keys that older builds wrote in snapshots, journals and commit records are encoded again as they load or
     * apply ({@link KeyCodec#upgradeText}).
     */
    public static final int VERSION = 11;

    private DataFormat() {
    }
}
