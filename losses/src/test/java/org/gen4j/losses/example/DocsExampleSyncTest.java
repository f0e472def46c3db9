package org.gen4j.losses.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/writing-a-plugin.md in step with the code: each block announced by a
 * {@code <!-- file: PATH -->} line is the whole of that file.
 */
class DocsExampleSyncTest {

    private static final String DOC = "docs/writing-a-plugin.md";
    private static final Pattern BLOCK =
            Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)```\\n", Pattern.DOTALL);

    /** The repository root: the first folder upwards from the working directory with the doc. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DOC))) {
                return dir;
            }
        }
        throw new AssertionError(DOC + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyFileBlockOfTheDocIsTheWholeFile() throws IOException {
        Path root = root();
        String doc = Files.readString(root.resolve(DOC));
        Matcher m = BLOCK.matcher(doc);
        List<String> files = new ArrayList<>();
        while (m.find()) {
            files.add(m.group(1));
            assertThat(m.group(2))
                    .as("block of %s in %s", m.group(1), DOC)
                    .isEqualTo(Files.readString(root.resolve(m.group(1))));
        }
        assertThat(files).contains(
                "losses/src/test/java/org/gen4j/losses/example/HingeLossFactory.java",
                "losses/src/test/java/org/gen4j/losses/example/ExampleLossesModule.java",
                "losses/src/test/resources/META-INF/services/org.gen4j.core.spi.GenPlugin",
                "losses/src/test/java/org/gen4j/losses/example/ExampleLossesPluginContractTest.java");
    }
}
