package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.evaluation.report.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks from files: the features and logits through ONNX Runtime and TorchScript equal PyTorch's
 * own and a plain-Java forward pass of the same weights, beside the engine the tests train on.
 */
class ModelFileFeatureNetworkTest {

    @TempDir
    Path tmp;

    private FeatureNetwork open(String file, Map<String, Object> options) {
        return FeatureNetworks.open(Gen4j.registry(), TinyNetworks.copy(file, tmp).toString(),
                options);
    }

    private static void checkAgainstReferences(FeatureNetwork net) {
        JsonNode golden = TinyNetworks.json("features-golden.json");
        float[] zeroOne = TinyNetworks.floats(golden.get("images_0_1"));
        float[] torchFeatures = TinyNetworks.floats(golden.get("features"));
        float[] torchLogits = TinyNetworks.floats(golden.get("logits"));
        FeatureNetwork.Outputs out = net.apply(TinyNetworks.toGen4j(zeroOne),
                new Shape(3, 16, 16), 3);
        float[] normalised = TinyNetworks.normalise(zeroOne);
        TinyNetworks.PlainRgb plain = new TinyNetworks.PlainRgb();
        for (int i = 0; i < 3; i++) {
            double[][] java = plain.forward(normalised, i * 3 * 16 * 16);
            double[] logits = java[1];
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (double l : logits) {
                sum += Math.exp(l - max);
            }
            for (int j = 0; j < 8; j++) {
                assertThat(out.features()[i][j]).as("image %d feature %d vs PyTorch", i, j)
                        .isCloseTo(torchFeatures[i * 8 + j], within(1e-5));
                assertThat(out.features()[i][j]).as("image %d feature %d vs plain Java", i, j)
                        .isCloseTo(java[0][j], within(1e-5));
            }
            for (int k = 0; k < 5; k++) {
                double p = Math.exp(torchLogits[i * 5 + k] - max) / sum;
                assertThat(out.probabilities()[i][k]).as("image %d class %d", i, k)
                        .isCloseTo(p, within(1e-5));
                assertThat(out.probabilities()[i][k])
                        .isCloseTo(Math.exp(logits[k] - max) / sum, within(1e-5));
            }
        }
    }

    @Test
    void onnxFeaturesEqualPyTorchAndPlainJavaBesideTheTrainingEngine() {
        String trainingEngine = Engine.getInstance().getEngineName();
        try (FeatureNetwork net = open("tiny-rgb.onnx", Map.of())) {
            assertThat(net.id()).isEqualTo("tiny-rgb");
            assertThat(net.featureSize()).isEqualTo(8);
            assertThat(net.classCount()).isEqualTo(5);
            assertThat(net.inputShape()).isEqualTo(new Shape(3, 16, 16));
            assertThat(net.weightsSha256()).isEqualTo(Sha256.ofFile(tmp.resolve("tiny-rgb.onnx")));
            assertThat(net.details()).containsEntry("engine", "OnnxRuntime")
                    .containsEntry("format", "onnx").containsKey("contract");
            checkAgainstReferences(net);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // The default engine is still the one the tests train on.
        assertThat(Engine.getInstance().getEngineName()).isEqualTo(trainingEngine)
                .isIn("MXNet", "PyTorch");
    }

    @Test
    void torchScriptFeaturesEqualPyTorchAndPlainJava() {
        assumeTrue(Engine.hasEngine("PyTorch"), "the PyTorch engine runs in the -Ppytorch pass");
        try (FeatureNetwork net = open("tiny-rgb.pt", Map.of())) {
            assertThat(net.details()).containsEntry("engine", "PyTorch");
            checkAgainstReferences(net);
        }
    }

    @Test
    void torchScriptWithoutThePyTorchEngineSaysHowToGetIt() {
        assumeFalse(Engine.hasEngine("PyTorch"), "the MXNet pass has no PyTorch engine");
        assertThatThrownBy(() -> open("tiny-rgb.pt", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tiny-rgb.pt needs DJL's PyTorch engine, which is not on"
                        + " the class path").hasMessageContaining("-Ppytorch")
                .hasMessageContaining("convert the network to ONNX");
    }

    @Test
    void greyImagesAreRepeatedAndOtherSizesResized() {
        try (FeatureNetwork net = open("tiny-rgb.onnx", Map.of())) {
            float[] grey = new float[2 * 16 * 16];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = (float) Math.sin(i * 0.37);
            }
            float[] rgb = new float[2 * 3 * 16 * 16];
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(grey, n * 256, rgb, (n * 3 + c) * 256, 256);
                }
            }
            assertThat(net.accepts(new Shape(1, 16, 16))).isTrue();
            assertThat(net.accepts(new Shape(2, 16, 16))).isFalse();
            FeatureNetwork.Outputs a = net.apply(grey, new Shape(1, 16, 16), 2);
            FeatureNetwork.Outputs b = net.apply(rgb, new Shape(3, 16, 16), 2);
            assertThat(a.features()).isDeepEqualTo(b.features());
            // A 32 x 32 image of 2 x 2 blocks resizes (bilinear, align_corners=False) exactly to
            // its 16 x 16 original: every source coordinate falls between two equal pixels.
            float[] big = new float[3 * 32 * 32];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        big[(c * 32 + y) * 32 + x] = rgb[(c * 16 + y / 2) * 16 + x / 2];
                    }
                }
            }
            double[] small = net.apply(java.util.Arrays.copyOf(rgb, 768), new Shape(3, 16, 16), 1)
                    .features()[0];
            double[] resized = net.apply(big, new Shape(3, 32, 32), 1).features()[0];
            for (int j = 0; j < small.length; j++) {
                assertThat(resized[j]).isCloseTo(small[j], within(1e-6));
            }
            assertThatThrownBy(() -> net.apply(new float[2 * 16 * 16], new Shape(2, 16, 16), 1))
                    .hasMessageContaining("takes images of 1 or 3 channels (grey is repeated)"
                            + " and any size (resized bilinear to 16 x 16)");
        }
    }

    @Test
    void aNetworkWithoutLogitsGivesFeaturesOnly() {
        try (FeatureNetwork net = open("tiny-flat.onnx", Map.of())) {
            assertThat(net.classCount()).isZero();
            assertThat(net.featureSize()).isEqualTo(4);
            FeatureNetwork.Outputs out = net.apply(new float[3 * 64], new Shape(1, 8, 8), 3);
            assertThat(out.probabilities()).isNull();
            assertThat(out.features()).hasNumberOfRows(3);
        }
    }

    @Test
    void badFilesAndShapesGetOneClearLine() throws IOException {
        assertThatThrownBy(() -> FeatureNetworks.open(Gen4j.registry(),
                tmp.resolve("absent.onnx").toString(), Map.of("channels", 3, "size", 8)))
                .hasMessageContaining("absent.onnx does not exist; give a .onnx file");
        Path garbage = tmp.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> FeatureNetworks.open(Gen4j.registry(), garbage.toString(),
                Map.of("channels", 3, "size", 8)))
                .hasMessageContaining("garbage.onnx cannot be loaded as an ONNX model");
        Map<String, Object> wrongSize = new HashMap<>(Map.of("height", 10, "width", 10));
        assertThatThrownBy(() -> open("tiny-flat.onnx", wrongSize))
                .hasMessageContaining("rejected a batch of shape (2, 1, 10, 10)")
                .hasMessageContaining("check the input contract");
        assertThatThrownBy(() -> open("tiny-flat.onnx", Map.of("logits-output", 3)))
                .hasMessageContaining("logits-output is output 3, but the network gives 1"
                        + " output");
        assertThatThrownBy(() -> open("tiny-rgb.onnx", Map.of("features-output", "feats")))
                .hasMessageContaining("names the output 'feats', but the network's outputs are")
                .hasMessageContaining("features").hasMessageContaining("logits");
        assertThatThrownBy(() -> open("tiny-rgb.onnx", Map.of("colour", "yes")))
                .hasMessageContaining("unknown option [colour]");
        try (FeatureNetwork net = open("tiny-flat.onnx", Map.of("resize", "none"))) {
            assertThatThrownBy(() -> net.apply(new float[100], new Shape(1, 10, 10), 1))
                    .hasMessageContaining("8 x 8 pixels (resize: none)");
        }
    }
}
