package org.gen4j.example.gmmn;

import org.gen4j.testing.DocBlocks;
import org.junit.jupiter.api.Test;

/** docs/writing-a-plugin.md shows this plugin's files as they are. */
class DocsSyncTest {

    @Test
    void theProcedureSectionShowsTheRealFiles() {
        String dir = "example-plugin/src/main/java/org/gen4j/example/gmmn/";
        DocBlocks.assertInSync("docs/writing-a-plugin.md", dir + "GmmnFactory.java",
                dir + "Gmmn.java", dir + "KernelFactory.java", dir + "ExamplePlugin.java");
    }
}
