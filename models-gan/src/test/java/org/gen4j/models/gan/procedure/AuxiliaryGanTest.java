package org.gen4j.models.gan.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gen4j.models.gan.GanFixtures.REGISTRY;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.procedure.LatentCodes;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.core.util.Options;
import org.gen4j.models.gan.GanFixtures;
import org.gen4j.models.gan.dcgan.Dcgan;
import org.gen4j.models.gan.mlp.MlpGan;
import org.gen4j.models.gan.sngan.Sngan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACGAN and InfoGAN: the discriminator's second head on any sequential architecture, exact resume,
 * ACGAN's samples of class K classified as K far above chance after a short run, and InfoGAN's
 * mutual-information bound rising during one.
 */
class AuxiliaryGanTest {

    @TempDir
    Path dir;

    private static RunSpec.Builder small(String model) {
        return RunSpec.builder().setModel(model).optBatchSize(16).optSteps(12).optSeed(3)
                .optModelOptions(Map.of("width", 4)).opt("latent-size", 8)
                .optSampleCount(20).optCheckpointEvery(6);
    }

    private Path train(RunSpec spec, String name) throws Exception {
        Path run = dir.resolve(name);
        try (TrainingRun r = TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
        return run;
    }

    @Test
    void theSecondHeadSitsOnTheBodyOfAnySequentialDiscriminator() {
        Map<String, Shape> shapes = Map.of(Dcgan.NAME, new Shape(1, 28, 28), "dcgan-64",
                new Shape(3, 64, 64), MlpGan.NAME, new Shape(2), Sngan.NAME,
                new Shape(1, 28, 28));
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            String name = e.getKey().equals("dcgan-64") ? Dcgan.NAME : e.getKey();
            var critic = REGISTRY.discriminator(name).create(new NetworkSpec(e.getValue(), 8,
                    new Options("model", Map.of("width", 4))));
            HeadedCritic headed = HeadedCritic.of(critic.block(), 7, name);
            Shape batch = new Shape(3).addAll(e.getValue());
            try (NDManager m = NDManager.newBaseManager()) {
                headed.initialize(m, DataType.FLOAT32, batch);
                NDList out = headed.forward(new ParameterStore(m, false),
                        new NDList(m.ones(batch)), false);
                assertThat(out.head().getShape()).as(e.getKey()).isEqualTo(new Shape(3, 1));
                assertThat(out.get(1).getShape()).as(e.getKey()).isEqualTo(new Shape(3, 7));
                assertThat(headed.getOutputShapes(new Shape[] {batch}))
                        .containsExactly(new Shape(3, 1), new Shape(3, 7));
            }
        }
        assertThatThrownBy(() -> HeadedCritic.of(ai.djl.nn.core.Linear.builder().setUnits(1)
                .build(), 3, "single")).hasMessageContaining("SequentialBlock")
                .hasMessageContaining("'single'");
    }

    @Test
    void bothResumeBitForBit() throws Exception {
        for (String model : List.of("acgan", "infogan")) {
            Path runs = dir.resolve(model);
            GanFixtures.assertResumesBitForBit(steps -> small(model).optSteps(steps)
                    .build(REGISTRY), 12, 6, runs, List.of("generator.params",
                            "discriminator.params", "discriminator.optimizer"));
            Path straight = runs.resolve("straight");
            String header = Files.readAllLines(straight.resolve("metrics.csv")).get(0);
            assertThat(header).contains(model.equals("acgan")
                    ? "class_loss_d,class_loss_g" : "info_loss,mutual_info");
            assertThat(straight.resolve("samples/epoch-001.png")).exists();
        }
    }

    @Test
    void acganNeedsLabels() {
        RunSpec spec = small("acgan").build(REGISTRY);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> GanFixtures.trainer(REGISTRY, spec,
                    new Shape(1, 28, 28), m))
                    .hasMessageContaining("procedure 'acgan' needs class labels, but the data"
                            + " test data has none");
        }
    }

    @Test
    void acganSamplesOfClassKAreClassifiedAsKFarAboveChanceAfterAShortRun() throws Exception {
        // 300 steps of a width-32 DCGAN acgan on the embedded 4,000 images.
        RunSpec spec = RunSpec.builder().setModel("acgan").optSteps(300).optSeed(42)
                .optModelOptions(Map.of("width", 32)).optCheckpointEvery(300)
                .build(REGISTRY);
        Path run = train(spec, "acgan");
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            assertThat(GanFixtures.conditionalAccuracy(model, 50)).as("conditional accuracy")
                    .isGreaterThan(0.3);
        }
    }

    @Test
    void infoGansMutualInformationBoundRisesDuringAShortRun() throws Exception {
        RunSpec spec = RunSpec.builder().setModel("infogan").optSteps(200).optSeed(7)
                .optModelOptions(Map.of("width", 16)).optLogEvery(10).optCheckpointEvery(200)
                .build(REGISTRY);
        Path run = train(spec, "infogan");
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        int column = List.of(lines.get(0).split(",")).indexOf("mutual_info");
        List<Double> mi = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            mi.add(Double.parseDouble(line.split(",")[column]));
        }
        assertThat(mi).hasSize(20);
        double first = mi.get(0);
        double late = mi.subList(15, 20).stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow();
        // The bound log K - CE is about 0 for codes Q cannot read; log 10 = 2.30 is its maximum.
        assertThat(first).as("the first logged bound").isLessThan(0.5);
        assertThat(late).as("the bound over the last 50 steps, %s", mi).isGreaterThan(first + 1.0);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            List<LatentCodes.Code> codes = ((LatentCodes) model.procedure()).codes();
            assertThat(codes).extracting(LatentCodes.Code::name)
                    .containsExactly("category", "continuous-1", "continuous-2");
            assertThat(codes.get(0).offset()).isEqualTo(100);
            assertThat(codes.get(0).size()).isEqualTo(10);
        }
    }
}
