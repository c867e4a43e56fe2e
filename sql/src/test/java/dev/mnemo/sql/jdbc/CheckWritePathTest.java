package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.ReadItem;
import dev.mnemo.sql.check.Checks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static dev.mnemo.sql.jdbc.LoopbackMembers.execute;
import static dev.mnemo.sql.jdbc.LoopbackMembers.refusedByCheck;
import static dev.mnemo.sql.jdbc.LoopbackMembers.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write learns its table's checks from the table's schema, not by reading the checks in its transaction: a
 * table's checks change only with its schema version, which orders the write against them. So writes record no
 * read of the checks, and a check added, dropped, or moved with its table applies at once on every member.
 */
class CheckWritePathTest {
    /** Whether a read is one of the checks' table: its existence, or a row of it. */
    private static boolean readsChecks(ReadItem read, long checksTableId) {
        return read.isCatalog() ? new String(read.key(), StandardCharsets.UTF_8).equals(Checks.TABLE)
                : read.tableId() == checksTableId;
    }

    @Test
    void writesToTablesWithAndWithoutChecksRecordNoReadOfTheChecks() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            execute(a, "CREATE TABLE guarded (id BIGINT PRIMARY KEY, v INTEGER CHECK (v > 0))");
            execute(a, "CREATE TABLE plain (id BIGINT PRIMARY KEY, v INTEGER)");
            int before = cluster.log.appended().size();
            int id = 0;
            for (Connection c : List.of(a, b)) {
                for (String table : List.of("plain", "guarded")) {
                    id++;
                    execute(c, "INSERT INTO " + table + " VALUES (" + id + ", 1)");
                    execute(c, "UPDATE " + table + " SET v = v + 1 WHERE id = " + id);
                    execute(c, "MERGE INTO " + table + " USING (VALUES (" + id + ", 5)) AS s (id, v) ON "
                            + table + ".id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN"
                            + " INSERT (id, v) VALUES (s.id, s.v)");
                }
            }
            refusedByCheck(b, "UPDATE guarded SET v = 0", "GUARDED_V_CHECK");
            List<CommitRecord> writes = cluster.log.appended().subList(before, cluster.log.appended().size());
            assertThat(writes).hasSize(12).noneMatch(CommitRecord::isSchemaChange);
            long checksTableId = cluster.dbs.get(0).schema(Checks.TABLE).tableId();
            for (CommitRecord w : writes) {
                assertThat(w.reads()).noneMatch(r -> readsChecks(r, checksTableId));
            }
            assertThat(rows(b, "SELECT v FROM guarded ORDER BY id")).containsExactly("5", "5");
        }
    }

    @Test
    void checksAddedDroppedOrMovedWithTheirTableApplyAtOnceOnEveryMember() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            List<Connection> members = List.of(a, b);
            execute(a, "CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER)");
            try (PreparedStatement insert = b.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setLong(1, 1);
                insert.setInt(2, -1);
                insert.executeUpdate(); // planned, and its checks learnt, before the check
                execute(a, "DELETE FROM t");
                execute(a, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v > 0)");
                assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23514"));
                for (Connection c : members) {
                    refusedByCheck(c, "INSERT INTO t VALUES (2, -1)", "POSITIVE");
                }
                execute(b, "ALTER TABLE t DROP CONSTRAINT positive");
                assertThat(insert.executeUpdate()).isOne();
            }
            execute(a, "INSERT INTO t VALUES (2, -2)");
            execute(b, "DELETE FROM t");
            execute(b, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v > 0)");
            execute(a, "ALTER TABLE t RENAME TO moved");
            execute(b, "ALTER TABLE moved RENAME COLUMN v TO w");
            execute(a, "CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER)");
            for (Connection c : members) {
                refusedByCheck(c, "INSERT INTO moved VALUES (3, -3)", "POSITIVE");
                execute(c, "INSERT INTO moved VALUES (" + (c == a ? 4 : 5) + ", 1)");
                refusedByCheck(c, "UPDATE moved SET w = -w", "POSITIVE");
                execute(c, "INSERT INTO t VALUES (" + (c == a ? 6 : 7) + ", -1)");
            }
            execute(b, "DROP TABLE moved");
            execute(a, "CREATE TABLE moved (id BIGINT PRIMARY KEY, w INTEGER)");
            for (Connection c : members) {
                execute(c, "INSERT INTO moved VALUES (" + (c == a ? 8 : 9) + ", -1)");
                assertThat(rows(c, "SELECT COUNT(*) FROM moved")).containsExactly(c == a ? "1" : "2");
                assertThat(rows(c, "SELECT COUNT(*) FROM information_schema.check_constraints")).containsExactly("0");
            }
        }
    }

    /**
     * A table recorded before schemas held a check mark (created by the last format's members) has its checks read in
     * each writing transaction, as then; its first change of checks gives it a mark, and its writes read no more.
     */
    @Test
    void aTableWithoutAMarkReadsItsChecksInItsTransactionsUntilTheyChange() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            execute(a, "CREATE TABLE model (id BIGINT PRIMARY KEY, v INTEGER CONSTRAINT positive CHECK (v > 0))");
            Mnemo db = cluster.dbs.get(0);
            TableSchema model = db.schema("MODEL");
            TableSchema unmarked = TableSchema.restore(0, "EARLY", model.kind(), model.storage(), 1, model.columns(),
                    new int[] {1, 2}, 3, model.primaryKeyNames(), List.of(), List.of(), null);
            db.engine().commitLog().append(CommitRecord.schemaChange(DdlOp.createTable(unmarked, false)));
            long oldId = db.schema("EARLY").tableId();
            db.transaction(tx -> {
                tx.write(Checks.TABLE, tx.read(Checks.TABLE, "MODEL").with("TABLE_NAME", "EARLY")
                        .with("TABLE_ID", oldId));
                return null;
            });
            long checksTableId = db.schema(Checks.TABLE).tableId();
            for (Connection c : List.of(a, b)) {
                refusedByCheck(c, "INSERT INTO early VALUES (1, -1)", "POSITIVE");
                int before = cluster.log.appended().size();
                execute(c, "INSERT INTO early VALUES (" + (c == a ? 2 : 3) + ", 1)");
                assertThat(cluster.log.appended().get(before).reads()).anyMatch(r -> readsChecks(r, checksTableId));
            }
            execute(b, "ALTER TABLE early ADD CONSTRAINT small CHECK (v < 10)");
            for (int m = 0; m < 2; m++) {
                assertThat(cluster.dbs.get(m).schema("EARLY").checks()).isNotNull();
            }
            for (Connection c : List.of(a, b)) {
                refusedByCheck(c, "INSERT INTO early VALUES (4, 10)", "SMALL");
                refusedByCheck(c, "INSERT INTO early VALUES (4, 0)", "POSITIVE");
                int before = cluster.log.appended().size();
                execute(c, "INSERT INTO early VALUES (" + (c == a ? 5 : 6) + ", 1)");
                assertThat(cluster.log.appended().get(before).reads()).noneMatch(r -> readsChecks(r, checksTableId));
            }
            assertThat(rows(a, "SELECT COUNT(*) FROM early")).containsExactly("4");
        }
    }
}
