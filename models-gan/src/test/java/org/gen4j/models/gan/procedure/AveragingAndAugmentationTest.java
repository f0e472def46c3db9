package org.gen4j.models.gan.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gen4j.models.gan.GanFixtures.REGISTRY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.models.gan.GanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's weight average and DiffAugment in the GAN procedures: a run with both resumes
 * bit for bit (the average included), sampling and evaluation use the average, and an average
 * does not change training.
 */
class AveragingAndAugmentationTest {

    @TempDir
    Path dir;

    private static RunSpec.Builder small(String model) {
        return RunSpec.builder().setModel(model).optBatchSize(16).optSteps(12).optSeed(5)
                .optModelOptions(Map.of("width", 4)).opt("latent-size", 8)
                .optSampleCount(4).optCheckpointEvery(6);
    }

    private Path train(RunSpec spec, String name) throws Exception {
        Path run = dir.resolve(name);
        try (TrainingRun r = TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
        return run;
    }

    private static byte[] file(Path run, String name) throws Exception {
        return Files.readAllBytes(run.resolve("checkpoints/step-00000012/" + name));
    }

    @Test
    void aRunWithAnAverageAndDiffAugmentResumesBitForBit() throws Exception {
        for (String model : List.of("dcgan", "cgan")) {
            GanFixtures.assertResumesBitForBit(steps -> small(model)
                    .opt("ema", Map.of("decay", 0.9, "start", 2))
                    .opt("diff-augment", "color,translation,cutout").optSteps(steps)
                    .build(REGISTRY), 12, 6, dir.resolve(model), List.of("generator.params",
                            "discriminator.params", "generator.optimizer",
                            "state-ema-generator.ndlist"));
        }
    }

    @Test
    void samplingUsesTheAverageWhichDoesNotChangeTraining() throws Exception {
        Path plain = train(small("dcgan").build(REGISTRY), "plain");
        Path averaged = train(small("dcgan").opt("ema", Map.of("decay", 0.9)).build(REGISTRY),
                "averaged");
        Path latest = train(small("dcgan").opt("ema", Map.of("decay", 0.0)).build(REGISTRY),
                "latest");
        assertThat(file(averaged, "generator.params")).as("training is unchanged")
                .isEqualTo(file(plain, "generator.params"));
        try (TrainedModel p = TrainedModel.load(plain, REGISTRY);
                TrainedModel a = TrainedModel.load(averaged, REGISTRY);
                TrainedModel l = TrainedModel.load(latest, REGISTRY)) {
            float[] fromPlain = p.sample(8, 3L, null, 8);
            assertThat(a.sample(8, 3L, null, 8)).as("the average draws other images")
                    .isNotEqualTo(fromPlain);
            // decay 0: the average is the last weights, so the images are the plain run's.
            assertThat(l.sample(8, 3L, null, 8)).containsExactly(fromPlain);
            float[] again = a.sample(8, 3L, null, 8);
            assertThat(a.sample(8, 3L, null, 8)).as("sampling leaves the weights alone")
                    .containsExactly(again);
        }
    }

    @Test
    void diffAugmentOnPointsIsRefusedNamingTheData() {
        RunSpec spec = RunSpec.builder().setModel("mlp-gan").optData("gaussian-ring-8")
                .opt("diff-augment", List.of("translation")).optSteps(2).build(REGISTRY);
        assertThatThrownBy(() -> train(spec, "points"))
                .hasMessageContaining("diff-augment transforms images")
                .hasMessageContaining("leave diff-augment empty");
    }
}
