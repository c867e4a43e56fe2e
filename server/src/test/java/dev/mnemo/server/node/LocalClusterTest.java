package dev.mnemo.server.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command {@link LocalCluster} gives for starting one of its members again by hand. */
class LocalClusterTest {
    @TempDir
    Path root;

    @Test
    void aMemberRestartsUnderItsNameWithItsDataJoiningTheOthersAndStopsWithTheRun() {
        Path dir = root.resolve("my cluster");
        LocalCluster cluster = LocalCluster.prepare(dir, List.of(7101, 7102, 7103), true, List.of("--voters", "3"));

        assertThat(cluster.restartCommand(1)).isEqualTo("bin/mnemo node --name n2@127.0.0.1:7102 --cookie-file '"
                + dir.resolve("cookie") + "' --data-dir '" + dir.resolve("n2") + "' --voters 3"
                + " --join n1@127.0.0.1:7101,n3@127.0.0.1:7103 --stop-with " + ProcessHandle.current().pid());
    }

    @Test
    void aMemoryOnlyMemberRestartsWithoutDataAndAQuoteInAPathIsKept() {
        Path dir = root.resolve("it's");
        LocalCluster cluster = LocalCluster.prepare(dir, List.of(7101, 7102), false, List.of());

        assertThat(cluster.restartCommand(0)).isEqualTo("bin/mnemo node --name n1@127.0.0.1:7101 --cookie-file '"
                + dir.toString().replace("'", "'\\''") + "/cookie' --join n2@127.0.0.1:7102 --stop-with "
                + ProcessHandle.current().pid());
    }
}
