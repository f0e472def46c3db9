package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.evaluation.report.Sha256;
import org.gen4j.evaluation.features.FeatureNetwork.Outputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped feature network: its files, its accuracy, its outputs and its input checks. */
class FashionMnistClassifierTest {

    /**
     * Safely below the accuracy measured on the 1,000 embedded test images with the shipped
     * weights (see evaluation/README.md), on both engines.
     */
    private static final double SAMPLE_ACCURACY_FLOOR = 0.92;

    private static FashionMnistClassifier net;

    @BeforeAll
    static void load() {
        net = FashionMnistClassifier.load();
    }

    @AfterAll
    static void close() {
        net.close();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = FashionMnistClassifier.class.getResourceAsStream(
                FashionMnistClassifier.RESOURCE_FOLDER + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void shippedWeightsMatchTheirProvenance() throws Exception {
        ClassifierProvenance p = net.provenance();
        byte[] weights = resource(p.weightsFile());
        assertThat(net.id()).isEqualTo("fashion-mnist-classifier");
        assertThat(p.weightsFile()).isEqualTo("fashion-mnist-classifier.params");
        assertThat(net.weightsSha256()).isEqualTo(Sha256.ofBytes(weights))
                .isEqualTo(p.weightsSha256()).matches("[0-9a-f]{64}");
        assertThat(p.weightsBytes()).isEqualTo(weights.length);
        assertThat(weights.length).as("weights stay small").isLessThan(2_000_000);
        assertThat(p.architecture()).isEqualTo(ClassifierNetwork.ARCHITECTURE);
        assertThat(p.testAccuracy()).isGreaterThanOrEqualTo(0.91);
        assertThat(p.testImages()).isEqualTo(10_000);
        assertThat(p.trainImages()).isEqualTo(60_000);
        assertThat(p.engine()).isEqualTo("MXNet");
        assertThat(p.data().files()).hasSize(4).allSatisfy(f ->
                assertThat(f.sha256()).matches("[0-9a-f]{64}"));
        assertThat(p.command()).startsWith("gen4j train-classifier")
                .contains("--seed " + p.training().seed())
                .contains("--epochs " + p.training().epochs());
    }

    @Test
    void describesItsShapes() {
        assertThat(net.inputShape()).isEqualTo(new Shape(1, 28, 28));
        assertThat(net.featureSize()).isEqualTo(128);
        assertThat(net.classCount()).isEqualTo(10);
    }

    @Test
    void classifiesTheEmbeddedTestSample() {
        SampleImages.Batch test = SampleImages.first("test", 1000);
        Outputs out = net.apply(test.images(), test.size());
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            if (argMax(out.probabilities()[i]) == test.labels()[i]) {
                correct++;
            }
        }
        double accuracy = correct / (double) test.size();
        System.err.println("accuracy on the 1,000 embedded test images: " + accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(SAMPLE_ACCURACY_FLOOR);
    }

    private static int argMax(double[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    @Test
    void featuresAre128WideAndProbabilitiesSumToOne() {
        SampleImages.Batch b = SampleImages.first("test", 20);
        Outputs out = net.apply(b.images(), 20);
        assertThat(out.features()).hasNumberOfRows(20);
        assertThat(out.probabilities()).hasNumberOfRows(20);
        for (int i = 0; i < 20; i++) {
            assertThat(out.features()[i]).hasSize(128);
            for (double f : out.features()[i]) {
                assertThat(f).as("features come after a ReLU").isGreaterThanOrEqualTo(0);
            }
            double sum = 0;
            for (double p : out.probabilities()[i]) {
                assertThat(p).isBetween(0.0, 1.0);
                sum += p;
            }
            assertThat(out.probabilities()[i]).hasSize(10);
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void identicalInputGivesIdenticalOutput() {
        SampleImages.Batch b = SampleImages.first("test", 8);
        Outputs first = net.apply(b.images(), 8);
        Outputs second = net.apply(b.images().clone(), 8);
        assertThat(second.features()).isDeepEqualTo(first.features());
        assertThat(second.probabilities()).isDeepEqualTo(first.probabilities());
    }

    @Test
    void resultsDoNotDependOnTheBatching() {
        // Image 3 run alone and inside a batch of 10 must agree up to float rounding.
        SampleImages.Batch b = SampleImages.first("test", 10);
        Outputs all = net.apply(b.images(), 10);
        Outputs alone = net.apply(b.range(3, 4).images(), 1);
        for (int j = 0; j < 128; j++) {
            assertThat(alone.features()[0][j]).isCloseTo(all.features()[3][j], within(1e-4));
        }
        for (int j = 0; j < 10; j++) {
            assertThat(alone.probabilities()[0][j])
                    .isCloseTo(all.probabilities()[3][j], within(1e-5));
        }
    }

    @Test
    void wrongImageSizeIsRefused() {
        assertThatThrownBy(() -> net.apply(new float[2 * 32 * 32], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the feature network fashion-mnist-classifier takes"
                        + " images of shape (1, 28, 28), got ")
                .hasMessageContaining("1024 values per image, expected 784");
        assertThatThrownBy(() -> net.apply(new float[2 * 3 * 32 * 32], new Shape(2, 3, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the feature network fashion-mnist-classifier takes images of shape"
                        + " (1, 28, 28), got (3, 32, 32)");
        assertThatThrownBy(() -> net.apply(new float[0], 0))
                .hasMessageContaining("needs at least one image, got n = 0");
        float[] nan = new float[784];
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> net.apply(nan, 1)).hasMessageContaining("non-finite pixel");
    }

    @Test
    void filesOfTheSameKindLoadFromAFolder(@TempDir Path dir) throws Exception {
        Path params = copyShipped(dir);
        SampleImages.Batch b = SampleImages.first("test", 4);
        try (FashionMnistClassifier own = FashionMnistClassifier.load(params)) {
            assertThat(own.id()).isEqualTo(net.id());
            assertThat(own.weightsSha256()).isEqualTo(net.weightsSha256());
            assertThat(own.apply(b.images(), 4).probabilities())
                    .isDeepEqualTo(net.apply(b.images(), 4).probabilities());
        }
    }

    @Test
    void changedWeightsAreRefused(@TempDir Path dir) throws Exception {
        Path params = copyShipped(dir);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 3] ^= 1;
        Files.write(params, bytes);
        assertThatThrownBy(() -> FashionMnistClassifier.load(params))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("have SHA-256")
                .hasMessageContaining("but their provenance records " + net.weightsSha256());
    }

    @Test
    void aMissingProvenanceIsNamed(@TempDir Path dir) throws Exception {
        Path params = copyShipped(dir);
        Files.delete(dir.resolve("fashion-mnist-classifier.json"));
        assertThatThrownBy(() -> FashionMnistClassifier.load(params))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fashion-mnist-classifier.json does not exist");
    }

    @Test
    void aClosedNetworkSaysSo(@TempDir Path dir) throws Exception {
        FashionMnistClassifier own = FashionMnistClassifier.load(copyShipped(dir));
        own.close();
        own.close();
        assertThatThrownBy(() -> own.apply(new float[784], 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
    }

    private static Path copyShipped(Path dir) throws Exception {
        Files.write(dir.resolve("fashion-mnist-classifier.json"),
                resource("fashion-mnist-classifier.json"));
        Path params = dir.resolve("fashion-mnist-classifier.params");
        Files.write(params, resource("fashion-mnist-classifier.params"));
        return params;
    }
}
