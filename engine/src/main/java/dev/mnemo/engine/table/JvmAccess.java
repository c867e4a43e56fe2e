package dev.mnemo.engine.table;

import dev.mnemo.engine.JvmFlagsMissingException;
import net.openhft.chronicle.map.ChronicleMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before a database opens, that the JVM grants Chronicle Map the access without which it cannot make a
 * table. Without this check the first table fails deep inside Chronicle Map with an {@code AssertionError}, and the
 * commit log that was applying it stops, which tells a user nothing about the flags.
 */
public final class JvmAccess {
    /** Where the full list of flags is kept (the flags that are not fatal are there too). */
    private static final String WHERE = "the mnemo.jvm.flags property of Mnemo's root pom.xml, also in its README";

    private JvmAccess() {
    }

    /** Throws {@link JvmFlagsMissingException} naming each fatal flag this JVM was started without. */
    public static void require() {
        require(ChronicleMap.class.getModule());
    }

    static void require(Module chronicle) {
        Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
        if (compiler.isEmpty()) {
            throw new JvmFlagsMissingException("Mnemo's tables (Chronicle Map) compile code at run time and need a "
                    + "JDK; this Java runtime has no jdk.compiler module (" + System.getProperty("java.home") + ")");
        }
        List<String> missing = missingFor(chronicle);
        if (!missing.isEmpty()) {
            throw new JvmFlagsMissingException("Mnemo's tables (Chronicle Map) need JVM flags that this JVM was "
                    + "started without: " + String.join(" ", missing) + " (every flag to give: " + WHERE + ")");
        }
    }

    /** The fatal flags not in effect for {@code chronicle}, the module Chronicle Map's classes are in. */
    static List<String> missingFor(Module chronicle) {
        List<String> missing = new ArrayList<>();
        Module base = Object.class.getModule();
        for (String pkg : List.of("java.lang", "java.lang.reflect")) {
            if (!base.isOpen(pkg, chronicle)) {
                missing.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
            }
        }
        String javacFile = "com.sun.tools.javac.file";
        ModuleLayer.boot().findModule("jdk.compiler").filter(m -> !m.isExported(javacFile, chronicle))
                .ifPresent(m -> missing.add("--add-exports=jdk.compiler/" + javacFile + "=ALL-UNNAMED"));
        return missing;
    }
}
