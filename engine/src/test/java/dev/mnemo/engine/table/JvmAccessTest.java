package dev.mnemo.engine.table;

import dev.mnemo.engine.JvmFlagsMissingException;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check that the JVM lets Chronicle Map in where it must go, made before a database opens. */
class JvmAccessTest {
    @Test
    void theTestsJvmHasEveryFlagChronicleMapNeeds() {
        assertThat(JvmAccess.missingFor(ChronicleMap.class.getModule())).isEmpty();
        JvmAccess.require();
    }

    @Test
    void aModuleThatWasOpenedNothingLacksEachFatalFlagAndTheErrorNamesThem() {
        Module untouched = ModuleLayer.boot().findModule("java.sql").orElseThrow();
        assertThat(JvmAccess.missingFor(untouched)).containsExactly(
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED");
        assertThatThrownBy(() -> JvmAccess.require(untouched))
                .isInstanceOf(JvmFlagsMissingException.class)
                .hasMessageContaining("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .hasMessageContaining("mnemo.jvm.flags")
                .satisfies(e -> assertThat(((JvmFlagsMissingException) e).sqlState()).isEqualTo("58000"));
    }
}
