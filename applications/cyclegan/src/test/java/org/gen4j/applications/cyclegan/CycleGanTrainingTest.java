package org.gen4j.applications.cyclegan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.testing.plugins.RunAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CycleGAN smoke-trains on two Fashion-MNIST classes: finite losses, exact resume with the image
 * pools and the decaying learning rate in the checkpoint, both directions of translation, and
 * the DiscoGAN and DualGAN presets.
 */
class CycleGanTrainingTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static RunSpec.Builder spec(long steps) {
        return RunSpec.builder().setModel("cyclegan").optData("fashion-domains")
                .optSteps(steps).optBatchSize(4).optSeed(2)
                .optModelOptions(Map.of("width", 4, "blocks", 1))
                .opt("discriminator-options", Map.of("width", 4)).opt("pool-size", 6)
                .optCheckpointEvery((int) steps).optLogEvery(1).optSampleCount(4);
    }

    @Test
    void itTrainsResumesExactlyWithItsPoolsAndTranslatesBothWays() throws Exception {
        // 3 steps of 4 images fill a pool of 6 and start swapping: the pool is part of the state.
        RunAssertions.assertResumesBitForBit(REGISTRY, s -> spec(s).optPreset("cyclegan")
                .build(REGISTRY), 4, 2, dir, List.of("generator-ab.params",
                "generator-ba.params", "discriminator-a.params", "discriminator-b.params",
                "state-pool-a.ndlist", "state-pool-b.ndlist"));
        Path run = dir.resolve("straight");
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        // The parameters move: the resumed run kept its step-2 checkpoint beside step 4.
        assertThat(Files.readAllBytes(dir.resolve("resumed/checkpoints/step-00000002/generator-ab.params")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve(
                        "resumed/checkpoints/step-00000004/generator-ab.params")));
        assertThat(lines.get(0)).isEqualTo(
                "step,epoch,loss_d_a,loss_d_b,loss_g,cycle,identity,images_per_s");
        for (String line : lines.subList(1, lines.size())) {
            for (String v : line.split(",")) {
                assertThat(Double.parseDouble(v)).as(line).isFinite();
            }
        }
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                NDManager m = NDManager.newBaseManager()) {
            ImageTranslation t = model.translation().orElseThrow();
            assertThat(t.domains()).containsExactly("A", "B");
            var x = m.randomUniform(-1, 1, new Shape(2, 1, 28, 28));
            float[] toB = t.translate(model.sampleContext(m), x, "B", null).toFloatArray();
            float[] toA = t.translate(model.sampleContext(m), x, "A", null).toFloatArray();
            assertThat(toB).hasSize(2 * 784).isNotEqualTo(toA);
            assertThatThrownBy(() -> t.translate(model.sampleContext(m), x, "C", null))
                    .hasMessageContaining("domain A or B");
        }
    }

    @Test
    void theDiscoGanAndDualGanPresetsTrain() throws Exception {
        for (String preset : List.of("discogan", "dualgan")) {
            Path run = dir.resolve(preset);
            RunSpec s = spec(2).optPreset(preset).optModelOptions(preset.equals("dualgan")
                    ? Map.of("width", 4, "depth", 2) : Map.of("width", 4, "blocks", 0,
                    "norm", "batch")).build(REGISTRY);
            try (var r = org.gen4j.core.train.TrainingRun.start(s, REGISTRY, run)) {
                r.train(null);
            }
            for (String line : Files.readAllLines(run.resolve("metrics.csv")).subList(1, 3)) {
                for (String v : line.split(",")) {
                    assertThat(Double.parseDouble(v)).as(preset + ": " + line).isFinite();
                }
            }
        }
        // DualGAN clips every critic weight to [-0.01, 0.01] after each update.
        try (TrainedModel model = TrainedModel.load(dir.resolve("dualgan"), REGISTRY)) {
            assertThat(model.spec().get(CycleGanFactory.LOSS)).isEqualTo("wasserstein");
            var critic = ((CycleGan) model.procedure()).networks().get(2).block();
            float largest = 0;
            for (var parameter : critic.getParameters().values()) {
                for (float v : parameter.getArray().toFloatArray()) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
            assertThat(largest).isLessThanOrEqualTo(0.01f).isPositive();
        }
    }

    @Test
    void pairedOrSingleDomainDataIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> org.gen4j.core.train.TrainingRun.start(RunSpec.builder()
                .setModel("cyclegan").optSteps(1).build(REGISTRY), REGISTRY, dir.resolve("x")))
                .hasMessageContaining("pairing=unpaired");
    }

    @Test
    void theImagePoolKeepsThenSwapsHalfTheTime() {
        ImagePool pool = new ImagePool("pool-a", 2, 1);
        RandomStream random = new RandomStream(9);
        assertThat(pool.query(new float[] {1, 2}, 2, random)).containsExactly(1, 2);
        assertThat(pool.size()).isEqualTo(2);
        int old = 0;
        for (int i = 0; i < 2000; i++) {
            float v = 10 + i;
            float shown = pool.query(new float[] {v}, 1, random)[0];
            old += shown != v ? 1 : 0;
        }
        assertThat(old / 2000.0).isBetween(0.45, 0.55);
    }
}
