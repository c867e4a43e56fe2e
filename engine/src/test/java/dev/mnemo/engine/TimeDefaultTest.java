package dev.mnemo.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Columns whose default is the time of the write: a transaction reads its member's clock once for all its rows, a
 * column added to a table with rows gives them the time of the change, and the catalog keeps what the default is the
 * time of through the journal, snapshots and restarts (constant defaults read as they always did).
 */
class TimeDefaultTest {
    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final LocalDateTime NOON = LocalDateTime.of(2024, 2, 29, 12, 0, 0, 600_000_000);

    /** A clock that stands where the test puts it. */
    private static final class HandClock {
        private volatile Instant now;
        private final Clock clock = ((InstantSource) () -> now).withZone(ZONE);

        HandClock(LocalDateTime at) {
            set(at);
        }

        void set(LocalDateTime at) {
            now = at.toInstant(ZoneOffset.UTC);
        }
    }

    private static MnemoConfig.Builder config(HandClock clock) {
        return MnemoConfig.builder().clock(clock.clock);
    }

    private static TableDef events() {
        return TableDef.named("events").column("id", ColumnType.INTEGER).column("note", ColumnType.varchar(10))
                .column("at", ColumnType.timestamp(0)).timeDefault(TimeDefault.CURRENT_TIMESTAMP)
                .column("day", ColumnType.DATE).timeDefault(TimeDefault.CURRENT_DATE)
                .column("tod", ColumnType.TIME).timeDefault(TimeDefault.LOCALTIME)
                .primaryKey("id");
    }

    @Test
    void aNewRowTakesTheTimeOfItsTransactionRoundedToTheColumn() {
        HandClock clock = new HandClock(NOON);
        try (Mnemo db = Mnemo.open(config(clock).build())) {
            db.createTable(events());
            Row row = db.transaction(tx -> tx.newRow("events"));
            assertThat(row.get("at")).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1));
            assertThat(row.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(row.get("tod")).isEqualTo(LocalTime.of(12, 0, 0, 600_000_000));
        }
    }

    @Test
    void rowsThatLackTheColumnTakeTheTimeOfTheirTransactionOneValueForAllItsRows() {
        HandClock clock = new HandClock(NOON);
        try (Mnemo db = Mnemo.open(config(clock).build())) {
            db.createTable(TableDef.named("events").column("id", ColumnType.INTEGER)
                    .column("note", ColumnType.varchar(10)).primaryKey("id"));
            Row old = db.transaction(tx -> tx.newRow("events"));
            db.addColumn("events", ColumnDef.of("at", ColumnType.TIMESTAMP)
                    .withTimeDefault(TimeDefault.LOCALTIMESTAMP));
            db.transaction(tx -> {
                tx.write("events", old.with("id", 1));
                clock.set(NOON.plusHours(1));
                tx.write("events", old.with("id", 2));
                return null;
            });
            assertThat(db.dirtyRead("events", 1).get("at")).isEqualTo(NOON);
            assertThat(db.dirtyRead("events", 2).get("at")).isEqualTo(NOON);
            db.transaction(tx -> tx.insert("events", old.with("id", 3)));
            assertThat(db.dirtyRead("events", 3).get("at")).isEqualTo(NOON.plusHours(1));
        }
    }

    @Test
    void aColumnAddedToRowsGivesThemTheTimeOfTheChangeOnce() {
        HandClock clock = new HandClock(NOON);
        try (Mnemo db = Mnemo.open(config(clock).build())) {
            db.createTable(TableDef.named("t").column("id", ColumnType.INTEGER).primaryKey("id"));
            db.dirtyWrite("t", Row.of(1));
            TableSchema s = db.addColumn("t", ColumnDef.of("at", ColumnType.timestamp(0)).notNull()
                    .withTimeDefault(TimeDefault.CURRENT_TIMESTAMP));
            assertThat(s.column(1).timeDefault()).isEqualTo(TimeDefault.CURRENT_TIMESTAMP);
            assertThat(s.column(1).defaultValue()).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1));
            clock.set(NOON.plusDays(3));
            assertThat(db.dirtyRead("t", 1).get("at")).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1));
            db.transaction(tx -> {
                tx.write("t", tx.newRow("t").with("id", 2));
                return null;
            });
            assertThat(db.dirtyRead("t", 2).get("at")).isEqualTo(LocalDateTime.of(2024, 3, 3, 12, 0, 1));
        }
    }

    @Test
    void aDefaultThatIsNoValueOfTheColumnIsRefused() {
        ColumnDef ts = ColumnDef.of("ts", ColumnType.TIMESTAMP);
        assertThatThrownBy(() -> ts.withTimeDefault(TimeDefault.CURRENT_TIME)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("cannot have DEFAULT CURRENT_TIME");
        assertThatThrownBy(() -> ColumnDef.of("n", ColumnType.BIGINT).withTimeDefault(TimeDefault.CURRENT_DATE))
                .isInstanceOf(SchemaException.class);
        assertThatThrownBy(() -> ColumnDef.of("t", ColumnType.TIME).withTimeDefault(TimeDefault.CURRENT_DATE))
                .isInstanceOf(SchemaException.class);
        assertThat(ColumnDef.of("d", ColumnType.DATE).withTimeDefault(TimeDefault.CURRENT_TIMESTAMP).timeDefault())
                .isEqualTo(TimeDefault.CURRENT_TIMESTAMP);
    }

    @Test
    void theCatalogKeepsTheKindOfDefaultAcrossARestartAndASnapshot(@TempDir Path dir) throws IOException {
        HandClock clock = new HandClock(NOON);
        byte[] snapshot;
        try (Mnemo db = Mnemo.open(config(clock).dataDir(dir).build())) {
            db.createTable(events().storage(Storage.DISC));
            db.dirtyWrite("events", Row.of(1, "a", NOON, NOON.toLocalDate(), NOON.toLocalTime()));
            db.addColumn("events", ColumnDef.of("seen", ColumnType.timestamp(0))
                    .withTimeDefault(TimeDefault.LOCALTIMESTAMP));
            db.addColumn("events", ColumnDef.of("n", ColumnType.INTEGER).withDefault(7));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            db.snapshot(out);
            snapshot = out.toByteArray();
        }
        clock.set(NOON.plusYears(1));
        try (Mnemo db = Mnemo.open(config(clock).dataDir(dir).build());
             Mnemo copy = Mnemo.open(config(clock).build())) {
            copy.loadSnapshot(new ByteArrayInputStream(snapshot));
            for (Mnemo m : new Mnemo[] {db, copy}) {
                TableSchema s = m.schema("events");
                assertThat(s.columns()).extracting(ColumnDef::timeDefault).containsExactly(null, null,
                        TimeDefault.CURRENT_TIMESTAMP, TimeDefault.CURRENT_DATE, TimeDefault.LOCALTIME,
                        TimeDefault.LOCALTIMESTAMP, null);
                assertThat(s.column(5).defaultValue()).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1));
                assertThat(s.column(6).defaultValue()).isEqualTo(7);
                assertThat(m.dirtyRead("events", 1).get("seen")).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1));
                Row fresh = m.transaction(tx -> tx.newRow("events"));
                assertThat(fresh.get("day")).isEqualTo(LocalDate.of(2025, 2, 28));
                assertThat(fresh.get("seen")).isEqualTo(LocalDateTime.of(2025, 2, 28, 12, 0, 1));
            }
        }
    }

    @Test
    void aTimestampWithTimeZoneDefaultIsTheInstantOfTheWriteWhateverTheClocksZone() {
        ZonedDateTime now = LocalDateTime.of(2026, 12, 3, 10, 0).atZone(ZoneId.of("Europe/Athens"));
        ColumnType tz = ColumnType.TIMESTAMP_TZ;
        assertThat(codecValues(tz, TimeDefault.CURRENT_TIMESTAMP.valueAt(now, tz)))
                .isEqualTo(OffsetDateTime.of(2026, 12, 3, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(codecValues(tz, TimeDefault.CURRENT_DATE.valueAt(now, tz)))
                .isEqualTo(OffsetDateTime.of(2026, 12, 2, 22, 0, 0, 0, ZoneOffset.UTC));
        assertThat(TimeDefault.CURRENT_TIME.fits(tz)).isFalse();
        assertThat(TimeDefault.CURRENT_TIMESTAMP.valueAt(now, ColumnType.TIMESTAMP))
                .isEqualTo(LocalDateTime.of(2026, 12, 3, 10, 0));
    }

    private static Object codecValues(ColumnType type, Object v) {
        return dev.mnemo.engine.codec.Values.coerce(type, v, "AT");
    }
}
