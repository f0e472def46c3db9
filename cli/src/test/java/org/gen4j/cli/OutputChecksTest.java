package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are checked before any work, and a failed write reads "cannot write PATH: reason". */
class OutputChecksTest {

    @TempDir
    static Path tmp;

    static Path run;

    @BeforeAll
    static void aTinyImageRun() {
        run = tmp.resolve("run");
        Cli.Result t = Cli.run("train", "--model", "dcgan", "--set", "model-options.width=8",
                "--batch-size", "16", "--steps", "1", "--no-progress", "--out", run.toString());
        assertThat(t.code()).as(t.toString()).isZero();
    }

    private static String error(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        return TrainCommandTest.errorLine(r);
    }

    @Test
    void trainRefusesAnEmptyOutARootAndAFile() {
        assertThat(error(Cli.tinyMlp("", "--steps", "1"))).contains("--out is empty");
        assertThat(error(Cli.tinyMlp("/", "--steps", "1")))
                .contains("--out / is a file-system root");
        assertThat(error(Cli.tinyMlp(run.resolve("spec.json").toString(), "--steps", "1")))
                .contains("cannot write " + run.resolve("spec.json") + ": it is a file");
        assertThat(Path.of("spec.json")).doesNotExist();
    }

    @Test
    void sampleChecksItsOutputsBeforeSampling() {
        assertThat(error("sample", "--run", run.toString(), "-n", "4", "--grid",
                tmp.resolve("s.jpg").toString())).contains("must end in .png");
        assertThat(error("sample", "--run", run.toString(), "-n", "10000000", "--no-progress",
                "--grid", tmp.resolve("big.png").toString()))
                .contains("--grid: grid of").contains("more than the limit of 2^28 pixels")
                .contains("lower -n");
        Path underFile = run.resolve("spec.json").resolve("s.png");
        assertThat(error("sample", "--run", run.toString(), "-n", "4", "--grid",
                underFile.toString())).contains("cannot write " + underFile + ": "
                        + run.resolve("spec.json") + " is a file, not a folder");
        assertThat(error("sample", "--run", run.toString(), "-n", "4", "--idx", run.toString()))
                .contains("cannot write " + run + ": it is a folder");
        assertThat(tmp.resolve("s.jpg")).doesNotExist();
        assertThat(tmp.resolve("big.png")).doesNotExist();
    }

    @Test
    void otherVerbsCheckTheirOut() throws Exception {
        assertThat(error("evaluate", "--run", run.toString(), "--out",
                tmp.resolve("e.txt").toString(), "--no-progress")).contains("must end in .json");
        Files.createDirectories(tmp.resolve("dir.png"));
        assertThat(error("train-classifier", "--out", run.resolve("spec.json").toString(),
                "--epochs", "1")).contains("it is a file, not a folder");
    }
}
