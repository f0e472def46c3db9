package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every loss and penalty trains DCGAN on Fashion-MNIST from the command line. */
class TrainLossesTest {

    @TempDir
    Path tmp;

    private static String[] dcgan(Path out, String... more) {
        String[] base = {"train", "--model", "dcgan", "--set", "model-options.width=8",
            "--batch-size", "16", "--steps", "1", "--no-progress", "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimax", "non-saturating", "wasserstein", "hinge", "least-squares",
        "relativistic-average", "wgan", "wgan-gp"})
    void everyLossAndPresetTrainsDcgan(String loss) {
        Path run = tmp.resolve(loss);
        Cli.Result r = Cli.run(dcgan(run, "--loss", loss));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(run.resolve("checkpoints/latest")).isRegularFile();
    }

    @Test
    void wganGpPresetPicksALayerNormCriticAndRecordsThePapersSettings() throws IOException {
        Path run = tmp.resolve("gp");
        Cli.Result r = Cli.run(dcgan(run, "--loss", "wgan-gp"));
        assertThat(r.code()).as(r.toString()).isZero();
        String spec = Files.readString(run.resolve("spec.json"));
        assertThat(spec).contains("\"preset\" : \"wgan-gp\"", "\"loss\" : \"wasserstein\"",
                "\"name\" : \"wgan-gp\"", "\"weight\" : 10.0", "\"n-critic\" : 5");
        assertThat(Files.readString(run.resolve("metrics.csv"))).contains("penalty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dragan", "r1"})
    void penaltiesComposeWithALossInASpec(String penalty) {
        Path run = tmp.resolve(penalty);
        Cli.Result r = Cli.run(dcgan(run, "--set", "regularizers=[{name: " + penalty + "}]"));
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void aPenaltyOnAnExplicitBatchNormCriticIsRefusedBeforeTraining() {
        Path run = tmp.resolve("bn");
        Cli.Result r = Cli.run(dcgan(run, "--loss", "wgan-gp", "--set",
                "model-options.norm=batch"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("norm").contains("batch");
        assertThat(run.resolve("checkpoints/latest")).doesNotExist();
    }
}
