package dev.mnemo.engine;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member without what judges the rows a foreign key's action rewrites ({@link ActionValidator}, the SQL layer's
 * checks) cannot give the verdict the members that have it give, when the rewritten table has checks (a check mark):
 * it stops applying, with a typed error, rather than apply the record as the others may not. A table without checks
 * needs no judge.
 */
class UnjudgedChecksTest {
    @AutoClose
    private final Mnemo db = Mnemo.inMemory();

    private void parentAndChild(String mark) {
        db.createTable(TableDef.named("parent").column("id", ColumnType.BIGINT).primaryKey("id"));
        db.createTable(TableDef.named("child").column("id", ColumnType.BIGINT).column("p", ColumnType.BIGINT)
                .primaryKey("id").foreignKey(ForeignKeyDef.on("p").references("parent")
                        .onDelete(ForeignKeyAction.SET_NULL).named("fk_child_parent")));
        db.setChecks("child", tx -> mark);
        db.transaction(tx -> {
            tx.write("parent", Row.of(1L));
            tx.write("parent", Row.of(2L));
            tx.write("child", Row.of(10L, 1L));
            return null;
        });
    }

    private void deleteParent(long id) {
        db.transaction(tx -> {
            tx.delete("parent", id);
            return null;
        });
    }

    @Test
    void aMemberWithoutAValidatorStopsApplyingWhenAnActionRewritesATableWithChecks() {
        parentAndChild("positive");
        assertThatThrownBy(() -> deleteParent(1L)).isInstanceOfSatisfying(ChecksNotJudgedException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("55000");
            assertThat(e.getMessage()).contains("table CHILD", "validateActions");
        });
        assertThat(db.dirtyRead("parent", 1L)).isNotNull();
        assertThat(db.dirtyRead("child", 10L).get("p")).isEqualTo(1L);
        // Stopped: it applies nothing more, not even a write no check concerns.
        assertThatThrownBy(() -> deleteParent(2L)).isInstanceOf(ChecksNotJudgedException.class);
        assertThat(db.dirtyRead("parent", 2L)).isNotNull();
    }

    @Test
    void aMemberWithAValidatorOrATableWithoutChecksAppliesTheAction() {
        parentAndChild("");
        deleteParent(1L);
        assertThat(db.dirtyRead("child", 10L).get("p")).isNull();
        db.validateActions((table, row) -> { });
        db.setChecks("child", tx -> "positive");
        db.transaction(tx -> {
            tx.write("child", Row.of(20L, 2L));
            return null;
        });
        deleteParent(2L);
        assertThat(db.dirtyRead("child", 20L).get("p")).isNull();
    }
}
