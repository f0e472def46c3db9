package org.gen4j.losses.example;

import org.gen4j.testing.DocBlocks;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/writing-a-plugin.md in step with the code: each block announced by a
 * {@code <!-- file: PATH -->} line is the whole of that file.
 */
class DocsExampleSyncTest {

    @Test
    void everyFileBlockOfTheDocIsTheWholeFile() {
        DocBlocks.assertInSync("docs/writing-a-plugin.md",
                "losses/src/test/java/org/gen4j/losses/example/HingeLossFactory.java",
                "losses/src/test/java/org/gen4j/losses/example/ExampleLossesModule.java",
                "losses/src/test/resources/META-INF/services/org.gen4j.core.spi.GenPlugin",
                "losses/src/test/java/org/gen4j/losses/example/ExampleLossesPluginContractTest.java");
    }
}
