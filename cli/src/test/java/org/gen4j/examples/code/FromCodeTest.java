package org.gen4j.examples.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gen4j.evaluation.report.EvaluationReport;
import org.gen4j.testing.DocBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/using-gen4j-from-code.md compiles, runs, and is the code the doc shows. */
class FromCodeTest {

    @Test
    void theDocumentShowsTheCodeThisTestRuns() {
        DocBlocks.assertInSync("docs/using-gen4j-from-code.md",
                "cli/src/test/java/org/gen4j/examples/code/FromCode.java");
    }

    @Test
    void itTrainsResumesSamplesAndScores(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        EvaluationReport report = FromCode.run(run, 20);
        assertThat(run.resolve("checkpoints/step-00000020/state.json")).exists();
        assertThat(run.resolve("classes.png")).exists();
        assertThat(run.resolve("evaluation.json")).exists();
        assertThat(report.result("fid").values().get("fid")).isFinite().isPositive();
        assertThat(report.result("conditional-accuracy").values().get("accuracy"))
                .isBetween(0.0, 1.0);
    }
}
