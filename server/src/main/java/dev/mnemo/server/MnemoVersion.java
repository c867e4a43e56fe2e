package dev.mnemo.server;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of this Mnemo build and of the Java runtime under it, for {@code version} and {@code --version}. */
public final class MnemoVersion implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    /** Mnemo's version, written into the jar by the build. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = MnemoVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("build is missing resource dev/mnemo/server/" + RESOURCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** The lines {@code mnemo version} prints. */
    public static String[] lines() {
        return new String[] {
            "Mnemo " + version(),
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ") on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }

    @Override
    public String[] getVersion() {
        return lines();
    }
}
