package dev.mnemo.benchmarks;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmFlagsTest {
    @Test
    void benchmarkForksGetExactlyTheFlagsOfTheRootPom() throws Exception {
        Path rootPom = Path.of("..", "pom.xml");
        assertThat(rootPom).exists();
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(rootPom));
        String property = pom.getElementsByTagName("mnemo.jvm.flags").item(0).getTextContent();
        List<String> fromPom = Arrays.asList(property.trim().split("\\s+"));

        assertThat(JvmFlags.all()).containsExactlyElementsOf(fromPom);
    }
}
