package dev.mnemo.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code bin/mnemo} runs, in a copy of the repository's layout whose {@code java} and {@code mvn} are scripts
 * that say what they were given: the launcher alone is under test, without a build or a JVM.
 */
class LauncherScriptTest {
    private static final String JAR = "server/target/mnemo-server-1-all.jar";

    @TempDir
    Path root;

    @Test
    void aRebuildLeavesTheJarARunningMemberOpenedAsItWas() throws Exception {
        layOut();
        Path first = Path.of(launch().trim());
        // A member started by that run holds its jar open for as long as it lives.
        try (FileChannel held = FileChannel.open(first)) {
            Path source = Files.createDirectories(root.resolve("server/src/main")).resolve("Changed.java");
            Files.writeString(source, "class Changed {}");
            Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));

            Path second = Path.of(launch().trim());

            assertThat(Files.readString(second)).as("the next run runs the new build").isEqualTo("build 2");
            ByteBuffer bytes = ByteBuffer.allocate(64);
            held.read(bytes, 0);
            assertThat(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8))
                    .as("what the running member reads from its jar").isEqualTo("build 1");
        }
    }

    /** The launcher, a pom with the JVM flags, a built jar, and stand-ins for java and mvn. */
    private void layOut() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("..", "bin", "mnemo"), bin.resolve("mnemo"));
        Files.writeString(root.resolve("pom.xml"), "<project><properties><mnemo.jvm.flags>-Dflag=1"
                + "</mnemo.jvm.flags></properties></project>");
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));
        Path jar = root.resolve(JAR);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "build 1");
        // java prints the jar it runs; mvn rebuilds the jar in place, as Maven rewrites an existing file.
        script(root.resolve("jdk/bin/java"), "while [ \"$1\" != -jar ]; do shift; done; echo \"$2\"");
        script(root.resolve("tools/mvn"), "printf 'build 2' > " + JAR);
    }

    private static void script(Path file, String body) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code bin/mnemo version}: what the stand-in java printed, the jar it was given. */
    private String launch() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/mnemo").toString(), "version")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("PATH", root.resolve("tools") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
