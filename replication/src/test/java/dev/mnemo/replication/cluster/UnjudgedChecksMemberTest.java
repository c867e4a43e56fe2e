package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.engine.ChecksNotJudgedException;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.replication.raft.Role;
import org.junit.jupiter.api.Test;

/**
 * A cluster member that cannot judge the checks of rows a foreign key's action rewrites (no validator) stops
 * applying, as a single member does; its committers are told why, typed as the engine types it (SQLState 55000), not
 * only that the member failed.
 */
class UnjudgedChecksMemberTest {
    @Test
    void aCommitterOnAMemberThatCannotJudgeChecksIsToldSoWithItsSqlState() {
        try (DriverHarness member = DriverHarness.founder(1, "a@127.0.0.1:" + FreePorts.next())) {
            awaitTrue(() -> member.driver().role() == Role.LEADER, "a lone voter to elect itself");
            Mnemo db = member.db();
            db.createTable(TableDef.named("parent").column("id", ColumnType.BIGINT).primaryKey("id"));
            db.createTable(TableDef.named("child").column("id", ColumnType.BIGINT).column("p", ColumnType.BIGINT)
                    .primaryKey("id").foreignKey(ForeignKeyDef.on("p").references("parent")
                            .onDelete(ForeignKeyAction.SET_NULL).named("fk_child_parent")));
            db.setChecks("child", tx -> "positive");
            db.transaction(tx -> {
                tx.write("parent", Row.of(1L));
                tx.write("child", Row.of(10L, 1L));
                return null;
            });

            assertThatThrownBy(() -> deleteParent(db, 1L)).isInstanceOfSatisfying(ChecksNotJudgedException.class,
                    e -> assertThat(e.sqlState()).isEqualTo("55000")).hasMessageContaining("table CHILD");
            // Stopped: a later write is refused for the same reason.
            assertThatThrownBy(() -> db.dirtyWrite("parent", Row.of(2L)))
                    .isInstanceOfSatisfying(ChecksNotJudgedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("55000"))
                    .hasMessageContaining("refuses writes").hasMessageContaining("table CHILD");
            assertThat(db.dirtyRead("child", 10L).get("p")).isEqualTo(1L);
        }
    }

    private static void deleteParent(Mnemo db, long id) {
        db.transaction(tx -> {
            tx.delete("parent", id);
            return null;
        });
    }
}
