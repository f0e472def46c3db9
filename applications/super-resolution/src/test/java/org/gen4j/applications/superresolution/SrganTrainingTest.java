package org.gen4j.applications.superresolution;

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
import org.gen4j.core.train.TrainingRun;
import org.gen4j.testing.plugins.RunAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pix2pix smoke-trains on the derived edges-to-items pairs: finite losses, parameters that
 * change, exact resume, translation of new images, and a clear refusal of unpaired data.
 */
class SrganTrainingTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static RunSpec spec(long steps) {
        return RunSpec.builder().setModel("srgan").optData("fashion-lowres").optSteps(steps)
                .optBatchSize(8).optSeed(3)
                .optModelOptions(Map.of("width", 4, "blocks", 1))
                .opt("discriminator-options", Map.of("width", 4))
                .opt("perceptual-weight", 0.01)
                .optCheckpointEvery((int) steps).optLogEvery(1).optSampleCount(4).build(REGISTRY);
    }

    @Test
    void itTrainsResumesExactlyAndTranslates() throws Exception {
        RunAssertions.assertResumesBitForBit(REGISTRY, SrganTrainingTest::spec, 4, 2, dir,
                List.of("generator.params", "discriminator.params"));
        Path run = dir.resolve("straight");
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("step,epoch,loss_d,loss_g,pixel,perceptual,images_per_s");
        for (String line : lines.subList(1, lines.size())) {
            for (String v : line.split(",")) {
                assertThat(Double.parseDouble(v)).as(line).isFinite();
            }
        }
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                NDManager m = NDManager.newBaseManager()) {
            ImageTranslation t = model.translation().orElseThrow();
            assertThat(t.inputShape()).isEqualTo(new Shape(1, 7, 7));
            var x = m.randomUniform(-1, 1, new Shape(2, 1, 7, 7));
            float[] a = t.translate(model.sampleContext(m), x, null, new RandomStream(1))
                    .toFloatArray();
            float[] b = t.translate(model.sampleContext(m), x, null, new RandomStream(1))
                    .toFloatArray();
            float[] other = t.translate(model.sampleContext(m), x, null, new RandomStream(2))
                    .toFloatArray();
            assertThat(a).hasSize(2 * 784).isEqualTo(b).isEqualTo(other);
            for (float v : a) {
                assertThat(v).isBetween(-1f, 1f);
            }
            assertThatThrownBy(() -> t.translate(model.sampleContext(m),
                    m.zeros(new Shape(1, 1, 14, 14)), null, new RandomStream(1)))
                    .hasMessageContaining("translates images of shape (1, 7, 7)");
        }
        // The generator's weights moved from their initialisation.
        try (TrainingRun fresh = TrainingRun.start(spec(1), REGISTRY, dir.resolve("one"))) {
            fresh.train(null);
        }
        assertThat(Files.readAllBytes(run.resolve("checkpoints/step-00000004/generator.params")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve(
                        "one/checkpoints/step-00000001/generator.params")));
    }

    @Test
    void unpairedDataIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> TrainingRun.start(RunSpec.builder().setModel("srgan")
                .optSteps(1).build(REGISTRY), REGISTRY, dir.resolve("bad")))
                .hasMessageContaining("has no targets")
                .hasMessageContaining("pairing=folders");
    }
}
