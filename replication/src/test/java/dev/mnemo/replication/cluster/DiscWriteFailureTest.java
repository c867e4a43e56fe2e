package dev.mnemo.replication.cluster;

import static dev.mnemo.replication.cluster.DriverHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.DiscWriteFailedException;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.replication.log.FileLogOptions;
import dev.mnemo.replication.log.FileLogStore;
import dev.mnemo.replication.raft.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a cluster member the disc writes are its Raft log's: one that fails fails the member, and its committers are
 * told that the disc write failed (SQLState 58030), where and why, not only that the member failed.
 */
class DiscWriteFailureTest {
    @TempDir
    Path dir;

    @Test
    void aCommitterOnAMemberWhoseLogCannotBeWrittenIsToldTheDiscWriteFailedAndWhy() throws Exception {
        FileLogStore store = FileLogStore.open(dir, FileLogOptions.defaults().withSegmentBytes(1024));
        try (DriverHarness member = DriverHarness.founder(1, "a@127.0.0.1:" + FreePorts.next(), store)) {
            awaitTrue(() -> member.driver().role() == Role.LEADER, "a lone voter to elect itself");
            member.db().createTable(TableDef.named("note").column("id", ColumnType.BIGINT).notNull()
                    .column("text", ColumnType.varchar(4000)).notNull().primaryKey("id"));
            // The next segment's name is taken: the log cannot roll over to it, as a full disc could not either.
            Path next = dir.resolve(String.format("log-%016d.seg", lastSegment() + 1));
            Files.createDirectory(next);

            // Typed as the disc failure it is (58030), not as a member failure (XX000) or an unknown outcome (40003).
            assertThatThrownBy(() -> member.db().dirtyWrite("note", Row.of(1L, "x".repeat(2000))))
                    .isInstanceOfSatisfying(DiscWriteFailedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("58030"))
                    .hasMessageContaining("the disc write failed: writing or syncing the log in " + dir)
                    .hasMessageContaining("FileAlreadyExistsException: " + next);
            // The member stops serving: a later write is refused, for the same reason, until it is restarted.
            assertThatThrownBy(() -> member.db().dirtyWrite("note", Row.of(2L, "y")))
                    .isInstanceOfSatisfying(DiscWriteFailedException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("58030"))
                    .hasMessageContaining("refuses writes until it is restarted")
                    .hasMessageContaining("FileAlreadyExistsException: " + next);
        }
    }

    private long lastSegment() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("log-[0-9]{16}\\.seg"))
                    .mapToLong(n -> Long.parseLong(n.substring(4, 20))).max().orElseThrow();
        }
    }
}
