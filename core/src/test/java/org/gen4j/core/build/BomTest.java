package org.gen4j.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.junit.jupiter.api.Test;

/**
 * The BOM manages every library module of the build at the project's version, and nothing else;
 * it has no parent, so that importing it forces no third-party versions on a host.
 */
class BomTest {

    /** Modules that are not libraries for hosts: the example, the benchmarks and the BOM. */
    static final List<String> NOT_MANAGED = List.of("gen4j-example-plugin", "gen4j-bench",
            "gen4j-bom");

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The library modules below a pom: every module's artifact, and the modules of an
     * aggregator (packaging {@code pom}, such as {@code applications}), which is none itself.
     */
    private static void collect(Path dir, Element pom, TreeSet<String> libraries)
            throws Exception {
        NodeList modules = pom.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Path moduleDir = dir.resolve(modules.item(i).getTextContent().trim());
            Path file = moduleDir.resolve("pom.xml");
            assertThat(file).exists();
            Element module = read(file).getDocumentElement();
            String artifact = child(module, "artifactId");
            if ("pom".equals(child(module, "packaging"))) {
                collect(moduleDir, module, libraries);
            } else if (!NOT_MANAGED.contains(artifact)) {
                libraries.add(artifact);
            }
        }
    }

    @Test
    void theBomManagesEveryLibraryModuleAndNothingElse() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Element parent = read(root.resolve("pom.xml")).getDocumentElement();
        TreeSet<String> libraries = new TreeSet<>();
        collect(root, parent, libraries);
        Element bom = read(root.resolve("bom/pom.xml")).getDocumentElement();
        assertThat(children(bom, "parent")).as("the BOM has no parent").isEmpty();
        assertThat(child(bom, "version")).isEqualTo(child(parent, "version"));
        Element management = children(bom, "dependencyManagement").get(0);
        TreeSet<String> managed = new TreeSet<>();
        for (Element d : children(children(management, "dependencies").get(0), "dependency")) {
            assertThat(child(d, "groupId")).isEqualTo("org.gen4j");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            managed.add(child(d, "artifactId"));
        }
        assertThat(managed).isEqualTo(libraries);
        assertThat(Files.readString(root.resolve("LICENSE"))).contains("Apache License",
                "Version 2.0, January 2004");
    }
}
