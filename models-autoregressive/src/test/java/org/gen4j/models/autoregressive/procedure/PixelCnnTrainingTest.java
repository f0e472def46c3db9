package org.gen4j.models.autoregressive.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.image.ImageFiles;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.CheckpointState;
import org.gen4j.core.train.HeldOutData;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PixelCNN through the core's run machinery on dynamically binarised Fashion-MNIST: the NLL
 * falls and a resumed run is the straight one; both samplers draw what the network gives
 * each value; the output follows the data's binarisation; bad specs are refused by name.
 */
class PixelCnnTrainingTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static RunSpec.Builder pixelCnn(long steps) {
        return RunSpec.builder().setModel("pixelcnn").optSteps(steps).optBatchSize(32)
                .optSeed(4).optDataOptions(Map.of("binarize", "dynamic"))
                .optModelOptions(Map.of("channels", 8, "blocks", 1)).optCheckpointEvery(20)
                .optLogEvery(10).optSampleCount(4);
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
    void theNllFallsAndAResumedRunIsTheStraightOne() throws Exception {
        Path straight = dir.resolve("straight");
        train(pixelCnn(40).build(REGISTRY), straight, false);
        assertThat(Files.readAllLines(straight.resolve("metrics.csv")).get(0))
                .isEqualTo("step,epoch,loss,bits_per_dim,images_per_s");
        double first = column(straight, 1, "loss");
        double last = column(straight, -1, "loss");
        assertThat(last).as("NLL at step 40 against step 10 (%s)", first).isLessThan(first - 50);
        assertThat(column(straight, -1, "bits_per_dim"))
                .isCloseTo(last / (784 * Math.log(2)), within(1e-3));

        Path resumed = dir.resolve("resumed");
        train(pixelCnn(20).build(REGISTRY), resumed, false);
        train(pixelCnn(40).build(REGISTRY), resumed, true);
        CheckpointState a = Checkpoints.readState(Checkpoints.resolve(straight));
        assertThat(a.step()).isEqualTo(40);
        assertThat(Files.readAllBytes(Checkpoints.resolve(resumed).resolve("model.params")))
                .as("weights after 20 + resume + 20 against 40 straight")
                .isEqualTo(Files.readAllBytes(Checkpoints.resolve(straight)
                        .resolve("model.params")));
    }

    @Test
    void bothSamplersDrawWhatTheNetworkGivesEveryValue() throws Exception {
        Path run = dir.resolve("run");
        train(pixelCnn(20).build(REGISTRY), run, false);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            Autoregressive procedure = (Autoregressive) model.procedure();
            float[] cached = model.sample(6, 17, null, 6);
            float[] naive;
            try (NDManager m = NDManager.newBaseManager()) {
                naive = procedure.sampleNaive(model.sampleContext(m),
                        SampleRequest.of(6, new RandomStream(17))).toFloatArray();
                assertDrawsFollowTheNetwork(procedure, model.sampleContext(m), cached, 6, 17,
                        null);
                assertDrawsFollowTheNetwork(procedure, model.sampleContext(m), naive, 6, 17,
                        null);
            }
            assertThat(cached).hasSize(6 * 784);

            // Progress in image-values over all forward passes: 3 images in passes of 2.
            List<long[]> reports = new ArrayList<>();
            model.sample(3, new RandomStream(1), null, 2, (d, t) -> reports.add(
                    new long[] {d, t}));
            assertThat(reports).hasSize(2 * 784);
            assertThat(reports.get(reports.size() - 1)).containsExactly(3 * 784, 3 * 784);
            for (int i = 1; i < reports.size(); i++) {
                assertThat(reports.get(i)[0]).isGreaterThan(reports.get(i - 1)[0]);
            }
        }
    }

    @Test
    void completionKeepsTheKnownPixelsAndBothRoutesDrawWhatTheNetworkGives() throws Exception {
        Path run = dir.resolve("complete");
        train(pixelCnn(20).build(REGISTRY), run, false);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                NDManager m = NDManager.newBaseManager()) {
            Autoregressive procedure = (Autoregressive) model.procedure();
            float[] images = new float[3 * 784];
            var test = HeldOutData.testSplit(model.spec(), REGISTRY);
            for (int i = 0; i < 3; i++) {
                test.copySample(i, images, i * 784);
            }
            boolean[] fill = new boolean[784];
            for (int p = 0; p < 784; p++) {
                int r = p / 28;
                int c = p % 28;
                fill[p] = r >= 14 && c >= 7 && c < 21;
            }
            var context = model.sampleContext(m);
            var x = m.create(images, new Shape(3, 1, 28, 28));
            float[] cached = procedure.complete(context, x, fill,
                    SampleRequest.of(3, new RandomStream(8))).toFloatArray();
            float[] naive = new PixelSampler(procedure, context, false).complete(
                    SampleRequest.of(3, new RandomStream(8)), images, fill).toFloatArray();
            assertDrawsFollowTheNetwork(procedure, context, cached, 3, 8, fill);
            assertDrawsFollowTheNetwork(procedure, context, naive, 3, 8, fill);
            int changed = 0;
            for (int i = 0; i < 3 * 784; i++) {
                if (!fill[i % 784]) {
                    assertThat(cached[i]).as("known pixel %d", i).isEqualTo(images[i]);
                } else {
                    assertThat(cached[i]).isIn(-1f, 1f);
                    changed += cached[i] != images[i] ? 1 : 0;
                }
            }
            assertThat(changed).as("drawn pixels that differ from the original").isPositive();
        }
    }

    @Test
    void theConditionalGatedPixelCnnLearnsAndSamplesTheClassAskedFor() throws Exception {
        RunSpec spec = RunSpec.builder().setModel("gated-pixelcnn").optSteps(30).optBatchSize(32)
                .optSeed(4).optDataOptions(Map.of("binarize", "dynamic"))
                .optModelOptions(Map.of("channels", 8, "layers", 2)).opt("conditional", true)
                .optCheckpointEvery(30).optLogEvery(10).optSampleCount(10).build(REGISTRY);
        Path run = dir.resolve("gated");
        train(spec, run, false);
        assertThat(column(run, -1, "loss")).isLessThan(column(run, 1, "loss") - 30);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            assertThat(model.numClasses()).isEqualTo(10);
            float[] threes = model.sample(2, 5, new int[] {3, 3}, 2);
            float[] nines = model.sample(2, 5, new int[] {9, 9}, 2);
            assertThat(threes).hasSize(2 * 784).isNotEqualTo(nines);
            LikelihoodModel exact = model.likelihood("exact", Map.of());
            assertThat(exact.conditional()).isTrue();
            double[] given3 = exact.negativeLogLikelihood(threes, new int[] {3, 3}, 2);
            assertThat(given3[0]).isPositive();
            assertThatThrownBy(() -> exact.negativeLogLikelihood(threes, 2))
                    .hasMessageContaining("is conditional: give labels");
        }
    }

    @Test
    void rgbImageFoldersTrainWithTheSoftmaxAndSampleInColour() throws Exception {
        // 40 random 8x8 RGB images whose channels share one pattern: the 256-way output and the
        // R -> G -> B masks end to end.
        Path images = dir.resolve("rgb");
        Files.createDirectories(images);
        RandomStream random = new RandomStream(3);
        for (int i = 0; i < 40; i++) {
            float[] x = new float[3 * 64];
            for (int p = 0; p < 64; p++) {
                float v = random.nextDouble() < 0.5 ? -1f : 0.6f;
                x[p] = v;
                x[64 + p] = v;
                x[128 + p] = -v;
            }
            ImageFiles.writePng(x, 0, 3, 8, 8, images.resolve("image-" + i + ".png"));
        }
        RunSpec spec = RunSpec.builder().setModel("pixelcnn").optData(images.toString())
                .optModelOptions(Map.of("channels", 12, "blocks", 1, "first-kernel", 3))
                .optSteps(60).optBatchSize(20).optSeed(1).optCheckpointEvery(60)
                .optLogEvery(10).optSampleCount(2).build(REGISTRY);
        assertThat(AutoregressiveFactory.output(spec)).isEqualTo("categorical");
        Path run = dir.resolve("rgb-run");
        train(spec, run, false);
        double first = column(run, 1, "bits_per_dim");
        double last = column(run, -1, "bits_per_dim");
        assertThat(first).as("bits/dim near the uniform 8 at first").isGreaterThan(6);
        assertThat(last).as("after 60 steps (first %s)", first).isLessThan(first - 1);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            assertThat(model.sampleShape()).isEqualTo(new Shape(3, 8, 8));
            float[] x = model.sample(2, 4, null, 2);
            assertThat(x).hasSize(2 * 3 * 64);
            double[] nll = model.likelihood("exact", Map.of()).negativeLogLikelihood(x, 2);
            assertThat(nll[0]).isPositive();
        }
    }

    @Test
    void theOutputFollowsTheBinarisationAndBadSpecsAreRefused() {
        RunSpec binary = pixelCnn(1).build(REGISTRY);
        assertThat(AutoregressiveFactory.output(binary)).isEqualTo("bernoulli");
        RunSpec gray = pixelCnn(1).optDataOptions(Map.of()).build(REGISTRY);
        assertThat(AutoregressiveFactory.output(gray)).isEqualTo("categorical");
        assertThatThrownBy(() -> train(pixelCnn(1).opt("conditional", true).build(REGISTRY),
                dir.resolve("a"), false))
                .hasMessageContaining("conditional: pixelcnn takes no class");
        assertThatThrownBy(() -> train(pixelCnn(1).optModelOptions(Map.of("kernel", 4))
                .build(REGISTRY), dir.resolve("b"), false))
                .hasMessageContaining("option 'kernel' must be odd");
        assertThatThrownBy(() -> RunSpec.builder().setModel("autoregressive").build(REGISTRY))
                .hasMessageContaining("model must be one of [gated-pixelcnn, pixelcnn");
    }

    /**
     * Checks sampled binary images against the network's own outputs on them: one forward pass
     * over the whole images gives, by causality, the logit of every value given the values
     * before it. Replaying the sampler's uniforms (one stream per image, seeded from the
     * request's stream, one draw per filled value in raster order), every drawn value must be
     * the one that logit gives. A uniform within 1e-4 of its probability may fall either way:
     * the cached route computes in plain Java and the naive one on cropped rows, so their
     * float rounding differs from the full pass (and between machines). Such draws are
     * counted, and must be rare.
     */
    private static void assertDrawsFollowTheNetwork(Autoregressive procedure,
            SampleContext context, float[] images, int n, long seed,
            boolean[] fill) {
        float[] logits;
        try (NDManager m = context.manager().newSubManager()) {
            var x = m.create(images, new Shape(n, 1, 28, 28));
            logits = context.forward(Autoregressive.MODEL, procedure.inputs(x, null))
                    .singletonOrThrow().toFloatArray();
        }
        assertThat(logits).hasSize(n * 784);
        RandomStream request = new RandomStream(seed);
        RandomStream[] streams = new RandomStream[n];
        for (int i = 0; i < n; i++) {
            streams[i] = new RandomStream(request.nextLong());
        }
        int draws = 0;
        int close = 0;
        for (int p = 0; p < 784; p++) {
            if (fill != null && !fill[p]) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double u = streams[i].nextDouble();
                double prob = 1 / (1 + Math.exp(-logits[i * 784 + p]));
                draws++;
                if (Math.abs(u - prob) < 1e-4) {
                    close++;
                    continue;
                }
                assertThat(images[i * 784 + p]).as("image %d, pixel %d: u %s, p %s", i, p, u,
                        prob).isEqualTo(u < prob ? 1f : -1f);
            }
        }
        assertThat(close).as("draws within 1e-4 of their threshold, of %d", draws)
                .isLessThanOrEqualTo(draws / 100);
    }
}
