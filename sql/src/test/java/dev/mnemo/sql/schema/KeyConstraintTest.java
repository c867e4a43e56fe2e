package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A table's constraints as metadata describes them, from the schema the caller read (the catalog may move on). */
class KeyConstraintTest {
    private Mnemo db;

    @BeforeEach
    void open() {
        db = Mnemo.open(MnemoConfig.builder().build());
        db.createTable(TableDef.named("parent").column("id", ColumnType.BIGINT).column("code", ColumnType.varchar(3))
                .primaryKey("id"));
        db.createTable(TableDef.named("child").column("id", ColumnType.BIGINT).column("parent_id", ColumnType.BIGINT)
                .primaryKey("id").foreignKey(ForeignKeyDef.on("parent_id").references("parent")
                        .onDelete(ForeignKeyAction.CASCADE).named("child_parent")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aForeignKeyNamesItsParentsKeyAndTheIndexOnItsColumns() {
        KeyConstraint fk = KeyConstraint.of(db, db.schema("CHILD")).get(1);
        assertThat(fk).isEqualTo(new KeyConstraint("CHILD_PARENT", "CHILD", KeyConstraint.Type.FOREIGN_KEY,
                List.of("PARENT_ID"), "CHILD_PARENT", new KeyConstraint.Reference("PARENT", List.of("ID"), "PARENT_PK",
                        ForeignKeyAction.NO_ACTION, ForeignKeyAction.CASCADE)));
        assertThat(fk.positionInUniqueConstraint(1)).isEqualTo(1);
        assertThat(KeyConstraint.of(db, db.schema("CHILD")).get(0).positionInUniqueConstraint(1)).isNull();
    }

    @Test
    void aTableDroppedSinceItsSchemaWasReadIsStillDescribedFromThatSchema() {
        TableSchema child = db.schema("CHILD");
        db.dropTable("CHILD");
        assertThat(KeyConstraint.of(db, child)).extracting(KeyConstraint::name)
                .containsExactly("CHILD_PK", "CHILD_PARENT");
    }

    @Test
    void aForeignKeyWhoseParentIsGoneSinceIsLeftOut() {
        TableSchema child = db.schema("CHILD");
        db.dropTable("CHILD");
        db.dropTable("PARENT");
        assertThat(KeyConstraint.of(db, child)).extracting(KeyConstraint::name).containsExactly("CHILD_PK");
    }
}
