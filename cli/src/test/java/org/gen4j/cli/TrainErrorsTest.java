package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code gen4j train}: a non-zero exit code and one line that names the facts, with
 * no stack trace unless {@code --debug} is given; and nothing left behind that blocks a retry.
 */
class TrainErrorsTest {

    @TempDir
    static Path shared;

    /** A finished two-step mlp-gan run, for the resume errors. */
    private static Path finished;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainOnce() {
        finished = shared.resolve("finished");
        Cli.Result r = Cli.run(Cli.tinyMlp(finished.toString(), "--steps", "2"));
        assertThat(r.code()).as(r.toString()).isZero();
    }

    private String fails(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.toString()).isNotZero();
        return TrainCommandTest.errorLine(r);
    }

    private String out(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void missingDataFolder() {
        assertThat(fails("train", "--data", "./nope", "--out", out("run")))
                .contains("data folder './nope' does not exist");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void corruptIdxFile() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("corrupt"));
        Files.write(data.resolve("train-images-idx3-ubyte"), "this is not an IDX file".getBytes());
        assertThat(fails("train", "--data", data.toString(), "--out", out("run")))
                .contains(data.resolve("train-images-idx3-ubyte").toString())
                .contains("expected magic number 2051");
    }

    @Test
    void dataThatDoesNotFitTheModelNamesTheAcceptedShapes() {
        assertThat(fails("train", "--model", "dcgan", "--data", "gaussian-ring-8", "--steps", "2",
                "--out", out("run")))
                .contains("dcgan takes images of shape (C, 28, 28) or (C, 64, 64), got (2)")
                .contains("mlp-gan");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void outputFolderUnderARegularFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("somefile"), "x");
        assertThat(fails(Cli.tinyMlp(file.resolve("run").toString(), "--steps", "2")))
                .contains("cannot write " + file.resolve("run"))
                .contains(file + " is a file, not a folder");
    }

    @Test
    void resumeWithAnotherSpecNamesTheDifferingKey() {
        String error = fails("train", "--resume", "--out", finished.toString(), "--steps", "4",
                "--loss", "minimax");
        assertThat(error).contains("trained with another spec")
                .contains("loss (checkpoint: \"non-saturating\", now: \"minimax\")")
                .doesNotContain("seed");
    }

    @Test
    void resumeOnAnEmptyFolder() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(fails("train", "--resume", "--out", empty.toString()))
                .contains("no checkpoint in " + empty);
    }

    @Test
    void resumeWithoutOut() {
        assertThat(fails("train", "--resume")).contains("--resume needs --out");
    }

    @Test
    void unknownLossNamesTheKnownOnesAndLeavesNothingBehind() {
        Path run = tmp.resolve("run");
        assertThat(fails(Cli.tinyMlp(run.toString(), "--loss", "hinje", "--steps", "2")))
                .contains("Unknown loss 'hinje'. Known losses: [hinge, least-squares, minimax, non-saturating,"
                        + " relativistic-average, wasserstein]");
        assertThat(run).doesNotExist();
        Cli.Result retry = Cli.run(Cli.tinyMlp(run.toString(), "--steps", "2"));
        assertThat(retry.code()).as(retry.toString()).isZero();
        TrainCommandTest.assertCompleteCheckpoint(run.resolve("checkpoints/step-00000002"));
    }

    @Test
    void unknownModelOption() {
        assertThat(fails(Cli.tinyMlp(out("run"), "--set", "model-options.widht=4")))
                .contains("model 'mlp-gan': unknown option [widht]").contains("width");
    }

    @Test
    void negativeLearningRateNamesTheKeyAndTheRange() {
        assertThat(fails(Cli.tinyMlp(out("run"), "--lr", "-1")))
                .contains("optimizers.generator (adam): option 'lr' must be in (0.0, 10.0], got"
                        + " -1.0");
    }

    @Test
    void unknownKeyInASpecFile() throws IOException {
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "learning-rate: 1\n");
        String error = fails("train", "--spec", spec.toString(), "--out", out("run"));
        assertThat(error).contains("Unknown spec key 'learning-rate'").contains("optimizer-g")
                .doesNotContain("Unrecognized field");
    }

    @Test
    void missingSpecFile() {
        assertThat(fails("train", "--spec", out("nope.yaml"), "--out", out("run")))
                .contains("spec file " + out("nope.yaml") + " does not exist");
    }

    @Test
    void setWithoutEquals() {
        assertThat(fails(Cli.tinyMlp(out("run"), "--set", "seed")))
                .contains("--set takes KEY=VALUE, got 'seed'");
    }

    @Test
    void unknownEngine() {
        assertThat(fails(Cli.tinyMlp(out("run"), "--engine", "foo")))
                .contains("--engine must be mxnet or pytorch, got 'foo'");
    }

    @Test
    void badFlagValueIsAUsageError() {
        Cli.Result r = Cli.run("train", "--steps", "many");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for option '--steps': 'many' is not a long")
                .doesNotContain("\tat ");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Cli.Result r = Cli.run(Cli.tinyMlp(out("run"), "--loss", "hinje", "--debug"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error: Unknown loss 'hinje'").contains("\tat ")
                .doesNotContain("run with --debug");
    }
}
