package org.gen4j.applications.stargan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.testing.plugins.RunAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StarGAN smoke-trains on the embedded Fashion-MNIST with its classes as domains, with the
 * WGAN-GP penalty on the engine's input-gradient route: finite losses and a positive penalty,
 * exact resume, translation to a chosen domain, and refusals by name.
 */
class StarGanTrainingTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static RunSpec spec(long steps) {
        return RunSpec.builder().setModel("stargan").optSteps(steps).optBatchSize(4).optSeed(5)
                .optModelOptions(Map.of("width", 4, "blocks", 1))
                .opt("discriminator-options", Map.of("width", 4)).opt("n-critic", 2)
                .optCheckpointEvery((int) steps).optLogEvery(1).optSampleCount(4)
                .build(REGISTRY);
    }

    @Test
    void itTrainsWithTheGradientPenaltyResumesExactlyAndTranslatesToADomain() throws Exception {
        RunAssertions.assertResumesBitForBit(REGISTRY, StarGanTrainingTest::spec, 4, 2, dir,
                List.of("generator.params", "discriminator.params"));
        Path run = dir.resolve("straight");
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        // The parameters move: the resumed run kept its step-2 checkpoint beside step 4.
        assertThat(Files.readAllBytes(dir.resolve("resumed/checkpoints/step-00000002/generator.params")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve(
                        "resumed/checkpoints/step-00000004/generator.params")));
        assertThat(lines.get(0)).isEqualTo(
                "step,epoch,loss_d,class_d,penalty,loss_g,class_g,reconstruction,images_per_s");
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            for (String x : v) {
                assertThat(Double.parseDouble(x)).as(line).isFinite();
            }
            assertThat(Double.parseDouble(v[4])).as("the penalty of " + line).isPositive();
        }
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                NDManager m = NDManager.newBaseManager()) {
            ImageTranslation t = model.translation().orElseThrow();
            assertThat(t.domains()).hasSize(10).contains("0", "9");
            var x = m.randomUniform(-1, 1, new Shape(2, 1, 28, 28));
            float[] to3 = t.translate(model.sampleContext(m), x, "3", null).toFloatArray();
            float[] to7 = t.translate(model.sampleContext(m), x, "7", null).toFloatArray();
            assertThat(to3).hasSize(2 * 784).isNotEqualTo(to7);
            assertThatThrownBy(() -> t.translate(model.sampleContext(m), x, "12", null))
                    .hasMessageContaining("one of its domains");
        }
    }

    @Test
    void unlabelledDataIsRefused() throws Exception {
        Path flat = dir.resolve("flat");
        Files.createDirectories(flat);
        for (int i = 0; i < 4; i++) {
            org.gen4j.core.image.ImageFiles.writePng(new float[16], 0, 1, 4, 4,
                    flat.resolve(i + ".png"));
        }
        assertThatThrownBy(() -> TrainingRun.start(RunSpec.builder().setModel("stargan")
                .optData(flat.toString()).optSteps(1).optBatchSize(2).build(REGISTRY), REGISTRY,
                dir.resolve("x"))).hasMessageContaining("has no labels")
                .hasMessageContaining("class sub-folders");
    }
}
