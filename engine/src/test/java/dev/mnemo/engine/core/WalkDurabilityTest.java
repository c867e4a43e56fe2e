package dev.mnemo.engine.core;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.log.LocalCommitLog;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read-only transaction waits, before it answers, until what it read is durable. A walk over an ordered_set can
 * see a commit made while it walked (a key removed before the walk reached it) and still be valid: it must wait for
 * that commit too, not only for the table's version when the walk began.
 */
class WalkDurabilityTest {
    @Test
    void aWalkWaitsForWhatWasCommittedWhileItWalked() {
        Engine engine = new Engine(MnemoConfig.builder().build(), new LocalCommitLog(64));
        try {
            engine.commitLog().append(CommitRecord.schemaChange(List.of(), DdlOp.createTable(TableSchema.create(0,
                    TableDef.named("o").column("id", ColumnType.INTEGER).primaryKey("id")
                            .kind(TableKind.ORDERED_SET)), false)));
            engine.dirtyWrites(w -> {
                for (int id = 1; id <= 40; id++) {
                    w.write("o", Row.of(id));
                }
                return null;
            });
            Txn tx = new Txn(engine);
            List<Object> seen = new ArrayList<>();
            tx.forEach("o", KeyRange.all(), r -> {
                if (seen.isEmpty()) {
                    engine.dirtyWrites(w -> {
                        w.delete("o", 30); // past the first piece of keys the walk copies
                        return null;
                    });
                }
                return seen.add(r.get("id"));
            });
            assertThat(seen).hasSize(39).doesNotContain(30);
            assertThat(tx.readsStillValid()).isTrue();
            assertThat(tx.maxReadVersion()).isEqualTo(engine.version());
        } finally {
            engine.close();
        }
    }
}
