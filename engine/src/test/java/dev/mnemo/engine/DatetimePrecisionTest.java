package dev.mnemo.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TIME(p) and TIMESTAMP(p) through the engine's own API: every value written is rounded half up to the column's
 * digits, every key value looked up is too (it is cast to the column's type), and the precision survives the
 * journal, a restart and a snapshot.
 */
class DatetimePrecisionTest {
    private static final LocalDateTime NOON = LocalDateTime.of(2024, 2, 29, 12, 0);

    private static void createEvents(Mnemo db, Storage storage) {
        db.createTable(TableDef.named("events")
                .column("at", ColumnType.timestamp(0))
                .column("t", ColumnType.time(1))
                .column("d", ColumnType.timestamp(2)).defaultValue(NOON.plusNanos(5_000_000))
                .primaryKey("at").kind(TableKind.ORDERED_SET).storage(storage)
                .index(IndexDef.ordered("by_t", "t")));
    }

    private static void assertRoundedWrites(Mnemo db) {
        db.transaction(tx -> {
            tx.insert("events", Row.of(NOON.plusNanos(600_000_000), LocalTime.of(8, 0, 0, 50_000_000),
                    NOON.plusNanos(5_000_000)));
            tx.write("events", Row.of(NOON.plusNanos(400_000_000), LocalTime.of(23, 59, 59, 990_000_000),
                    NOON.plusNanos(994_999_999)));
            return null;
        });
        db.dirtyWrite("events", Row.of(NOON.plusSeconds(2).plusNanos(499_999_999), LocalTime.NOON, null));
        List<Row> rows = db.transaction(tx -> tx.select("events", KeyRange.all()));
        assertThat(rows).extracting(r -> r.get("at")).containsExactly(NOON, NOON.plusSeconds(1), NOON.plusSeconds(2));
        assertThat(rows).extracting(r -> r.get("t")).containsExactly(LocalTime.of(23, 59, 59, 900_000_000),
                LocalTime.of(8, 0, 0, 100_000_000), LocalTime.NOON);
        assertThat(rows).extracting(r -> r.get("d")).containsExactly(NOON.plusNanos(990_000_000),
                NOON.plusNanos(10_000_000), null);
    }

    @Test
    void everyWriteIsRoundedToItsColumnsDigits() {
        try (Mnemo db = Mnemo.inMemory()) {
            createEvents(db, Storage.RAM);
            assertThat(db.schema("events").column(2).defaultValue()).isEqualTo(NOON.plusNanos(10_000_000));
            assertRoundedWrites(db);
            Row moved = db.dirtyRead("events", NOON).with("t", LocalTime.of(1, 0, 0, 49_999_999));
            db.transaction(tx -> {
                tx.write("events", moved);
                return null;
            });
            assertThat(db.dirtyRead("events", NOON).get("t")).isEqualTo(LocalTime.of(1, 0));
        }
    }

    @Test
    void aKeyOrIndexValueLookedUpIsRoundedAsAWrittenOneIs() {
        try (Mnemo db = Mnemo.inMemory()) {
            createEvents(db, Storage.RAM);
            db.dirtyWrite("events", Row.of(NOON.plusNanos(700_000_000), LocalTime.of(8, 0, 0, 70_000_000), null));
            assertThat(db.dirtyRead("events", NOON.plusNanos(600_000_000))).isNotNull();
            assertThat(db.dirtyRead("events", NOON.plusSeconds(1))).isNotNull();
            assertThat(db.dirtyRead("events", NOON.plusNanos(400_000_000))).isNull();
            List<Row> byT = db.transaction(tx -> tx.indexRead("events", "by_t", LocalTime.of(8, 0, 0, 120_000_000)));
            assertThat(byT).hasSize(1);
            List<Row> range = db.transaction(tx -> tx.select("events",
                    KeyRange.all().from(true, NOON.plusNanos(500_000_000)).to(true, NOON.plusNanos(500_000_000))));
            assertThat(range).hasSize(1);
            db.transaction(tx -> tx.delete("events", NOON.plusNanos(999_000_000)));
            assertThat(db.size("events")).isZero();
        }
    }

    @Test
    void anAddedColumnsDefaultIsRoundedForRowsWrittenBeforeIt() {
        try (Mnemo db = Mnemo.inMemory()) {
            createEvents(db, Storage.RAM);
            db.dirtyWrite("events", Row.of(NOON, null, null));
            db.addColumn("events",
                    ColumnDef.of("late", ColumnType.time(0)).withDefault(LocalTime.of(9, 0, 0, 500_000_000)));
            assertThat(db.dirtyRead("events", NOON).get("late")).isEqualTo(LocalTime.of(9, 0, 1));
            assertThat(db.schema("events").column(3).type()).isEqualTo(ColumnType.time(0));
        }
    }

    @Test
    void thePrecisionSurvivesARestartAndStillRoundsWritesAfterIt(@TempDir Path dir) {
        MnemoConfig config = MnemoConfig.builder().dataDir(dir).build();
        try (Mnemo db = Mnemo.open(config)) {
            createEvents(db, Storage.DISC);
            db.addColumn("events", ColumnDef.of("late", ColumnType.timestamp(9)));
        }
        try (Mnemo db = Mnemo.open(config)) {
            assertThat(db.schema("events").columns()).extracting(ColumnDef::type).containsExactly(
                    ColumnType.timestamp(0), ColumnType.time(1), ColumnType.timestamp(2), ColumnType.timestamp(9));
            db.dropColumn("events", "late");
            assertRoundedWrites(db);
        }
    }

    @Test
    void thePrecisionTravelsInASnapshot() throws IOException {
        try (Mnemo source = Mnemo.inMemory(); Mnemo copy = Mnemo.inMemory()) {
            createEvents(source, Storage.RAM);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            source.snapshot(out);
            copy.loadSnapshot(new ByteArrayInputStream(out.toByteArray()));
            assertThat(copy.schema("events").toString()).isEqualTo(source.schema("events").toString());
            assertRoundedWrites(copy);
        }
    }
}
