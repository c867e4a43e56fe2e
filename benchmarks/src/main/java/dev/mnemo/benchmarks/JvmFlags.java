package dev.mnemo.benchmarks;

import org.openjdk.jmh.annotations.Fork;

import java.util.List;

/**
 * The JVM flags every benchmark fork needs (Chronicle Map's, on Java 17+): the one array of them in this module.
 * It mirrors the root pom property {@code mnemo.jvm.flags}; {@code JvmFlagsTest} fails the build if the two drift.
 *
 * <p>The array lives in this class's {@link Fork} annotation because JMH takes fork settings only from annotation
 * constants, and JMH reads {@code @Fork} from superclasses: a benchmark class {@code extends JvmFlags} to get one
 * fork with these flags (and a fixed heap, so runs compare). A subclass that declares its own {@code @Fork}
 * replaces this one and must repeat the flags: don't.
 */
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"}, jvmArgsAppend = {
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "-XX:MaxDirectMemorySize=1t",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true"})
public abstract class JvmFlags {
    /** The flags appended to every fork's command line, in order. */
    public static List<String> all() {
        return List.of(JvmFlags.class.getAnnotation(Fork.class).jvmArgsAppend());
    }
}
