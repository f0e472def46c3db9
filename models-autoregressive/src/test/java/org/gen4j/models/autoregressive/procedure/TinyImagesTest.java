package org.gen4j.models.autoregressive.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.gen4j.core.data.IdxWriter;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On 2x2 binary images, where all 16 images can be listed, for every model: the exact likelihood
 * is a probability distribution (the 16 probabilities sum to 1), training moves it towards the
 * data's, and the sampler draws from it (chi-square against the model's own probabilities).
 */
class TinyImagesTest {

    private static final Registry REGISTRY = Gen4j.registry();
    /** The data's distribution over the 16 images, image {@code b} with pixel p = bit p of b. */
    private static final double[] DATA = {0.20, 0.02, 0.02, 0.10, 0.02, 0.10, 0.02, 0.02, 0.02,
        0.02, 0.10, 0.02, 0.10, 0.02, 0.02, 0.20};

    @TempDir
    static Path dir;

    private static Path data;

    static float[] image(int bits) {
        float[] x = new float[4];
        for (int p = 0; p < 4; p++) {
            x[p] = (bits >> p & 1) == 1 ? 1f : -1f;
        }
        return x;
    }

    static int bits(float[] x, int offset) {
        int b = 0;
        for (int p = 0; p < 4; p++) {
            b |= (x[offset + p] > 0 ? 1 : 0) << p;
        }
        return b;
    }

    @BeforeAll
    static void writeData() throws Exception {
        int n = 2000;
        float[] images = new float[n * 4];
        RandomStream random = new RandomStream(11);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int b = 0;
            while (b < 15 && u >= DATA[b]) {
                u -= DATA[b];
                b++;
            }
            System.arraycopy(image(b), 0, images, i * 4, 4);
        }
        data = dir.resolve("data");
        IdxWriter.writeImages(data.resolve("train-images-idx3-ubyte"), images, n, 2, 2);
        IdxWriter.writeImages(data.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(images, 400),
                100, 2, 2);
    }

    private static TrainedModel train(String name, Map<String, Object> options)
            throws Exception {
        RunSpec spec = RunSpec.builder().setModel(name).optData(data.toString())
                .optModelOptions(options).opt("output", "bernoulli").optBatchSize(100)
                .optSteps(800).optSeed(2).optCheckpointEvery(800).optLogEvery(100)
                .optSampleCount(4).build(REGISTRY);
        Path run = dir.resolve(name);
        try (TrainingRun r = TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
        return TrainedModel.load(run, REGISTRY);
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("pixelcnn", Map.of("channels", 8, "blocks", 1, "first-kernel", 3)),
                Arguments.of("gated-pixelcnn", Map.of("channels", 8, "layers", 2,
                        "first-kernel", 3)),
                Arguments.of("pixelrnn-row-lstm", Map.of("channels", 8, "layers", 1,
                        "first-kernel", 3)),
                Arguments.of("pixelrnn-diagonal-bilstm", Map.of("channels", 8, "layers", 1,
                        "first-kernel", 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theSixteenProbabilitiesSumToOneFollowTheDataAndGovernTheSampler(String name,
            Map<String, Object> options) throws Exception {
        try (TrainedModel model = train(name, options)) {
            double[] p = probabilities(model);
            double total = 0;
            double tv = 0;
            for (int b = 0; b < 16; b++) {
                total += p[b];
                tv += Math.abs(p[b] - DATA[b]) / 2;
            }
            assertThat(total).as("sum over all 2x2 binary images").isCloseTo(1, within(1e-4));
            assertThat(tv).as("total variation to the data's distribution").isLessThan(0.06);

            int n = 4000;
            float[] samples = model.sample(n, 99, null, 1000);
            long[] counts = new long[16];
            for (int i = 0; i < n; i++) {
                counts[bits(samples, i * 4)]++;
            }
            double[] expected = new double[16];
            for (int b = 0; b < 16; b++) {
                expected[b] = p[b] * n;
            }
            double pValue = new ChiSquareTest().chiSquareTest(expected, counts);
            assertThat(pValue).as("chi-square of %s against %s", Arrays.toString(counts),
                    Arrays.toString(expected)).isGreaterThan(1e-3);
        }
    }

    private static double[] probabilities(TrainedModel model) {
        float[] all = new float[16 * 4];
        for (int b = 0; b < 16; b++) {
            System.arraycopy(image(b), 0, all, b * 4, 4);
        }
        LikelihoodModel exact = model.likelihood("exact", Map.of());
        assertThat(exact.exact()).isTrue();
        double[] nll = exact.negativeLogLikelihood(all, 16);
        double[] p = new double[16];
        for (int b = 0; b < 16; b++) {
            p[b] = Math.exp(-nll[b]);
        }
        return p;
    }
}
