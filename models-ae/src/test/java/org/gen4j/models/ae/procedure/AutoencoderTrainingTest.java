package org.gen4j.models.ae.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.CheckpointState;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.StepResult;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FashionMnistClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The autoencoder family through the core's run machinery: the VAE's ELBO improves on
 * dynamically binarised Fashion-MNIST and resumes exactly, every decoder and architecture trains,
 * the conditional VAE generates a chosen class, and the pictures are drawn.
 */
class AutoencoderTrainingTest {

    private static final Registry REGISTRY = Gen4j.registry();
    private static final Shape IMAGE = new Shape(1, 28, 28);

    @TempDir
    Path dir;

    private static RunSpec.Builder vae(long steps) {
        return RunSpec.builder().setModel("vae").optSteps(steps).optBatchSize(64).optSeed(3)
                .optDataOptions(Map.of("binarize", "dynamic"))
                .optModelOptions(Map.of("hidden", List.of(256))).opt("latent-size", 8)
                .optCheckpointEvery(30).optLogEvery(10).optSampleCount(16);
    }

    private static void train(RunSpec spec, Path run, boolean resume) throws Exception {
        try (TrainingRun r = resume ? TrainingRun.resume(spec, REGISTRY, run)
                : TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
    }

    private static double column(Path run, int row, String name) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        String line = lines.get(row < 0 ? lines.size() + row : row);
        return Double.parseDouble(line.split(",")[header.indexOf(name)]);
    }

    @Test
    void theElboImprovesAndAResumedRunIsTheStraightOne() throws Exception {
        Path straight = dir.resolve("straight");
        train(vae(60).build(REGISTRY), straight, false);
        assertThat(Files.readAllLines(straight.resolve("metrics.csv")).get(0))
                .isEqualTo("step,epoch,loss,elbo,reconstruction,kl,images_per_s");
        double first = column(straight, 1, "elbo");
        double last = column(straight, -1, "elbo");
        assertThat(last).as("ELBO at step 60 against step 10 (%s)", first).isGreaterThan(first + 30);
        assertThat(column(straight, -1, "kl")).isPositive();
        assertThat(straight.resolve("samples/epoch-001.png")).exists();
        assertThat(straight.resolve("samples/reconstructions-epoch-001.png")).exists();
        CheckpointState state = Checkpoints.readState(Checkpoints.resolve(straight));
        assertThat(state.trainer().procedureState().get("kl-position").asLong()).isEqualTo(60);

        Path resumed = dir.resolve("resumed");
        train(vae(30).build(REGISTRY), resumed, false);
        train(TrainingRun.resumeLoader(resumed).setValue("steps", 60L).build(REGISTRY), resumed,
                true);
        for (String f : List.of("encoder.params", "decoder.params", "encoder.optimizer",
                "decoder.optimizer")) {
            assertThat(Files.readAllBytes(resumed.resolve("checkpoints/step-00000060/" + f)))
                    .as(f).isEqualTo(Files.readAllBytes(
                            straight.resolve("checkpoints/step-00000060/" + f)));
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"vae, mlp, gaussian", "vae, conv, gaussian-learned", "vae, conv, logistic",
        "vae, mlp, bernoulli", "ae, conv, ", "ae, mlp, "})
    void everyDecoderAndArchitectureTrains(String model, String architecture, String decoder) {
        var b = RunSpec.builder().setModel(model).optSteps(5).optBatchSize(8).optSeed(1)
                .optModelOptions(Map.of("architecture", architecture, "width", 4,
                        "hidden", List.of(32)))
                .opt("latent-size", 4);
        if (decoder != null) {
            b.opt("decoder", decoder);
        }
        RunSpec spec = b.build(REGISTRY);
        float[] x = new float[8 * 784];
        RandomStream r = new RandomStream(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(r.nextFloat() * 255) / 127.5f - 1;
        }
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = ProcedureTrainer.create(spec, REGISTRY,
                        DataInfo.unlabelled(IMAGE, "test images"), 5, m)) {
            StepResult first = null;
            StepResult last = null;
            for (int i = 0; i < 5; i++) {
                last = t.step(() -> new BatchLoader.Batch(0, 0, x, null, new int[8],
                        new Shape(8, 1, 28, 28)));
                first = first == null ? last : first;
            }
            assertThat(last.value("loss")).isFinite().isLessThan(first.value("loss"));
            List<Picture> pictures = t.pictures(m, 16, null);
            assertThat(pictures).extracting(Picture::name).contains(Picture.SAMPLES);
            for (Picture p : pictures) {
                for (float v : p.values()) {
                    assertThat(v).isBetween(-1f, 1f);
                }
            }
        }
    }

    @Test
    void aTwoDimensionalLatentSpaceGetsItsManifold() {
        RunSpec spec = vae(1).opt("latent-size", 2).build(REGISTRY);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = ProcedureTrainer.create(spec, REGISTRY,
                        DataInfo.unlabelled(IMAGE, "test images"), 1, m)) {
            assertThat(t.pictures(m, 16, null)).extracting(Picture::name)
                    .containsExactly(Picture.SAMPLES, "manifold");
            Picture manifold = t.pictures(m, 16, null).get(1);
            assertThat(manifold.count()).isEqualTo(256);
            assertThat(manifold.columns()).isEqualTo(16);
        }
    }

    @Test
    void theConditionalVaeGeneratesTheClassAskedFor() throws Exception {
        RunSpec spec = RunSpec.builder().setModel("cvae").optSteps(40).optBatchSize(64)
                .optDataOptions(Map.of("binarize", "dynamic")).optSampleCount(20)
                .optModelOptions(Map.of("hidden", List.of(128))).opt("latent-size", 8)
                .build(REGISTRY);
        Path run = dir.resolve("cvae");
        train(spec, run, false);
        assertThat(column(run, -1, "elbo")).isGreaterThan(column(run, 1, "elbo"));
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            assertThat(model.numClasses()).isEqualTo(10);
            float[] sevens = model.sample(4, 1L, new int[] {7, 7, 7, 7}, 4);
            float[] nines = model.sample(4, 1L, new int[] {9, 9, 9, 9}, 4);
            assertThat(sevens).isNotEqualTo(nines);
            assertThat(model.encode(sevens, new int[] {7, 7, 7, 7}, 4)).hasSize(32);
            assertThat(model.sample(3, 1L, null, 3)).as("classes drawn by the model").hasSize(
                    3 * 784);
            assertThatThrownBy(() -> model.sample(1, 1L, new int[] {10}, 1))
                    .hasMessageContaining("class 10 is out of range");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ProcedureTrainer.create(spec, REGISTRY,
                    DataInfo.unlabelled(IMAGE, "unlabelled images"), 1, m))
                    .hasMessageContaining("procedure 'cvae' needs class labels, but the data"
                            + " unlabelled images has none");
        }
    }

    @Test
    void cvaeSamplesOfClassKAreClassifiedAsKFarAboveChance() throws Exception {
        // 800 steps of the default 512-256 networks, latent 16, on the embedded 4,000 binarised
        // images (about 20 s on 2 cores). Measured with the same spec through gen4j evaluate:
        // conditional accuracy 0.51 (chance 0.10); 0.71 after 1,500 steps.
        RunSpec spec = RunSpec.builder().setModel("cvae").optSteps(800).optBatchSize(64)
                .optSeed(42).optDataOptions(Map.of("binarize", "dynamic"))
                .opt("latent-size", 16).optCheckpointEvery(800).build(REGISTRY);
        Path run = dir.resolve("cvae-accuracy");
        train(spec, run, false);
        int perClass = 50;
        int[] labels = new int[10 * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                FashionMnistClassifier classifier = FashionMnistClassifier.load()) {
            float[] x = model.sample(labels.length, 0L, labels, 250);
            var images = new Evaluator.Images("cvae samples", x, labels.length, IMAGE, labels);
            var report = Evaluator.evaluateImages(REGISTRY,
                    Map.of("conditional-accuracy", Map.of()), images, null, classifier, 0, 250,
                    null);
            MetricResult accuracy = report.metrics().get(0);
            assertThat(accuracy.values().get("accuracy")).as("conditional accuracy %s",
                    accuracy.values()).isGreaterThan(0.3);
        }
    }
}
