package dev.mnemo.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.replication.transport.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNewCookieFileIsPrivateAndHoldsARandomSecret() throws Exception {
        Path file = dir.resolve("sub").resolve("cookie");
        Cookie cookie = CookieFiles.readOrCreate(file);
        assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(cookie.bytes()).isEqualTo(Files.readString(file).strip().getBytes());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).as("nothing left beside it").containsExactly(file);
        }
    }

    @Test
    void anExistingCookieFileIsNeverReplaced() throws Exception {
        Path file = dir.resolve("cookie");
        Files.writeString(file, "theirs\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CookieFiles.create(file);
        assertThat(file).hasContent("theirs");
    }

    /** Members started together on one machine create the default cookie at the same moment. */
    @Test
    void membersCreatingTheCookieAtOnceAllReadTheSameWholeSecret() throws Exception {
        int members = 4;
        ExecutorService pool = Executors.newFixedThreadPool(members);
        try {
            for (int round = 0; round < 200; round++) {
                Path file = dir.resolve("cookie-" + round);
                CyclicBarrier start = new CyclicBarrier(members);
                List<Future<String>> read = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    read.add(pool.submit(() -> {
                        start.await();
                        return new String(CookieFiles.readOrCreate(file).bytes());
                    }));
                }
                Set<String> secrets = new HashSet<>();
                for (Future<String> f : read) {
                    secrets.add(f.get()); // a member that read an empty file fails here
                }
                assertThat(secrets).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
