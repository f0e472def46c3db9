package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.testing.DocBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every spec example of the README is accepted as it is written. */
class ReadmeSpecsTest {

    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyYamlBlockOfTheReadmeBuildsASpec(@TempDir Path dir) throws IOException {
        String readme = Files.readString(DocBlocks.root("docs/writing-a-plugin.md").resolve("README.md"));
        Matcher m = YAML.matcher(readme);
        List<RunSpec> specs = new ArrayList<>();
        int i = 0;
        while (m.find()) {
            Path file = dir.resolve("example-" + i++ + ".yaml");
            Files.writeString(file, m.group(1));
            specs.add(SpecLoader.fromDefaults().mergeFile(file).build(Gen4j.registry()));
        }
        assertThat(specs).as("spec examples in the README").hasSizeGreaterThanOrEqualTo(3);
    }
}
