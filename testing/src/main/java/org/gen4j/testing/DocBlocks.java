package org.gen4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a document in step with the code it shows: each block announced by a {@code <!-- file:
 * PATH -->} line must be the whole of that file (PATH from the repository root), so that a
 * document's examples are real code that a build compiles and tests run.
 */
public final class DocBlocks {

    private static final Pattern BLOCK =
            Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)```\\n", Pattern.DOTALL);

    private DocBlocks() {}

    /** The repository root: the first folder upwards from the working directory with the doc. */
    public static Path root(String doc) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(doc))) {
                return dir;
            }
        }
        throw new AssertionError(doc + " not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Asserts that every file block of {@code doc} is the whole of its file, and that the blocks
     * include {@code required}.
     *
     * @param doc the document, relative to the repository root ({@code docs/writing-a-plugin.md})
     * @param required files the document must show
     * @return the files the document shows
     */
    public static List<String> assertInSync(String doc, String... required) {
        Path root = root(doc);
        try {
            String text = Files.readString(root.resolve(doc));
            Matcher m = BLOCK.matcher(text);
            List<String> files = new ArrayList<>();
            while (m.find()) {
                files.add(m.group(1));
                assertThat(m.group(2)).as("block of %s in %s", m.group(1), doc)
                        .isEqualTo(Files.readString(root.resolve(m.group(1))));
            }
            assertThat(files).as("files shown in %s", doc).contains(required);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
