package dev.mnemo.sql.remote;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The thin client's class set — dev.mnemo.sql.remote, the generated protocol, gRPC and protobuf, and the
 * client jar's own driver registration — loaded alone in a class loader without Calcite, Chronicle Map or the
 * engine, connects to a member and runs SQL. The same set is what the {@code client} jar holds.
 */
class ThinClientTest {
    /** Libraries the client jar carries, by jar name (or the proto module's classes directory). */
    private static final Pattern ALLOWED = Pattern.compile(
            "(grpc-|protobuf-java|guava-|failureaccess-|perfmark-|gson-|error_prone|mnemo-proto).*\\.jar"
                    + "|.*/proto/target/classes/?");

    private static List<URL> allowedLibraries() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            String name = normalized.substring(normalized.lastIndexOf('/', normalized.length() - 2) + 1);
            if (ALLOWED.matcher(name).matches() || ALLOWED.matcher(normalized).matches()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls;
    }

    /**
     * dev/mnemo/sql/client and dev/mnemo/sql/remote from the module's classes, and the client jar's
     * META-INF/services/java.sql.Driver: what the client jar's filter keeps.
     */
    private static Path remoteClasses(Path into) throws Exception {
        Path classes = Path.of(RemoteDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (String pkg : new String[] {"dev/mnemo/sql/client", "dev/mnemo/sql/remote"}) {
            try (Stream<Path> files = Files.walk(classes.resolve(pkg))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = into.resolve(classes.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path services = into.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.copy(Path.of("src/client/META-INF/services/java.sql.Driver"), services.resolve("java.sql.Driver"));
        return into;
    }

    @Test
    void theRemoteDriverRunsWithoutCalciteChronicleOrTheEngine(@TempDir Path dir) throws Exception {
        List<URL> urls = new ArrayList<>(allowedLibraries());
        urls.add(remoteClasses(dir).toUri().toURL());
        // Not closed: gRPC's shared event loops live on in the loader's classes after the connection closes.
        URLClassLoader thin = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        try (TestMember member = new TestMember("thin")) {
            for (String absent : new String[] {"org.apache.calcite.jdbc.CalciteSchema",
                "net.openhft.chronicle.map.ChronicleMap", "dev.mnemo.engine.Mnemo", "dev.mnemo.sql.exec.Session",
                "dev.mnemo.sql.jdbc.MnemoDriver"}) {
                assertThatThrownBy(() -> Class.forName(absent, false, thin)).as(absent)
                        .isInstanceOf(ClassNotFoundException.class);
            }
            List<Driver> drivers = new ArrayList<>();
            ServiceLoader.load(Driver.class, thin).forEach(drivers::add);
            assertThat(drivers).singleElement().satisfies(d -> {
                assertThat(d.getClass().getName()).isEqualTo(RemoteDriver.class.getName());
                assertThat(d.getClass().getClassLoader()).isSameAs(thin);
            });
            Properties p = new Properties();
            p.setProperty("cookie", TestMember.COOKIE);
            try (Connection c = drivers.get(0).connect("jdbc:mnemo://127.0.0.1:" + member.port(), p)) {
                c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(5))");
                assertThat(c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 'thin')")).isEqualTo(1);
                ResultSet rs = c.getMetaData().getTables(null, null, "T", null);
                assertThat(rs.next()).isTrue();
                rs = c.createStatement().executeQuery("SELECT v FROM t");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("thin");
            }
        }
    }
}
