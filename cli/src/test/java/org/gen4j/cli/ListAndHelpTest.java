package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code gen4j list}, {@code --help} and usage errors. */
class ListAndHelpTest {

    @Test
    void listPrintsEveryKindWithItsNames() {
        Cli.Result r = Cli.run("list");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("losses:", "regularizers:", "generators:",
                "discriminators:", "datasets:", "presets:")
                .contains("non-saturating", "minimax", "dcgan", "mlp-gan",
                        "fashion-mnist-sample", "gaussian-ring-8", "wgan-gp", "dragan", "r1");
    }

    @Test
    void listOneKind() {
        Cli.Result r = Cli.run("list", "loss");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("losses:").contains("minimax").doesNotContain("datasets:");
    }

    @Test
    void listUnknownKindNamesTheKnownKinds() {
        Cli.Result r = Cli.run("list", "hinges");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("unknown kind 'hinges'")
                .contains("Known kinds: procedures, generators, discriminators, translators,"
                        + " patch-discriminators, losses, reconstruction-losses,"
                        + " variational-losses, regularizers, optimizers, schedules, presets,"
                        + " datasets, metrics, inpainters");
    }

    @Test
    void listPresets() {
        Cli.Result r = Cli.run("list", "presets");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("presets:").contains("wgan ", "wgan-gp")
                .doesNotContain("losses:");
    }

    @Test
    void helpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: gen4j").contains("train", "sample", "interpolate",
                "list");
    }

    @Test
    void trainHelpListsTheFlags() {
        Cli.Result r = Cli.run("train", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: gen4j train").contains("--model", "--loss",
                "--data", "--steps", "--epochs", "--batch-size", "--lr", "--set", "--spec",
                "--out", "--resume", "--engine", "--debug");
    }

    @Test
    void noVerbPrintsTheUsage() {
        Cli.Result r = Cli.run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: gen4j");
    }

    @Test
    void unknownVerbIsAUsageError() {
        Cli.Result r = Cli.run("trian");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument at index 0: 'trian'");
    }

    @Test
    void describeKeepsOneLine() {
        var e = new IllegalStateException("outer", new java.io.IOException("line one\n  line two"));
        assertThat(Main.describe(e)).isEqualTo("outer: line one line two");
        var bad = new IllegalArgumentException("clear message", new RuntimeException("noise"));
        assertThat(Main.describe(bad)).isEqualTo("clear message");
    }
}
