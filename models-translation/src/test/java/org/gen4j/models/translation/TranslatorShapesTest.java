package org.gen4j.models.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.gen4j.core.model.Translator;
import org.gen4j.core.model.TranslatorSpec;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.nn.TransposedConv2d;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image-to-image networks: the shapes they give, what they refuse, the U-Net's tanh range,
 * its seeded dropout noise, and the smallest U-Net against a plain-Java scalar reference.
 */
class TranslatorShapesTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    private static Translator build(Function<TranslatorSpec, Translator> create, Shape in,
            Shape out, Map<String, Object> options) {
        return create.apply(new TranslatorSpec(in, out, new Options("generator", options)));
    }

    /** Initialises weights and biases from N(0, std^2) drawn from seeded streams. */
    private Block initialised(Translator t, int batch, long seed, float std) {
        Block b = t.block();
        b.setInitializer(new SeededNormalInitializer(new RandomStream(seed), 0f, std),
                Parameter.Type.WEIGHT);
        b.setInitializer(new SeededNormalInitializer(new RandomStream(seed + 1), 0f, std),
                Parameter.Type.BIAS);
        b.initialize(manager, DataType.FLOAT32, batchShape(t.inputShape(), batch));
        return b;
    }

    private static Shape batchShape(Shape one, int n) {
        return new Shape(n, one.get(0), one.get(1), one.get(2));
    }

    private NDArray forward(Translator t, Block b, int n, long seed, boolean training) {
        return b.forward(ps, new NDList(TestArrays.gaussian(manager, batchShape(t.inputShape(),
                n), seed)), training).singletonOrThrow();
    }

    /** The number of transposed convolutions in a block tree: the U-Net's depth. */
    private static int transposedConvs(Block b) {
        int n = b instanceof TransposedConv2d ? 1 : 0;
        for (Block child : b.getChildren().values()) {
            n += transposedConvs(child);
        }
        return n;
    }

    @ParameterizedTest(name = "unet {0}x{1}x{1} -> {3}x{1}x{1}, depth {2}")
    @CsvSource({"1, 28, 4, 1", "3, 32, 5, 3", "3, 32, 5, 1", "1, 28, 4, 3"})
    void unetGivesTheRequestedShapeAtTheDefaultDepth(int c, int side, int depth, int outC) {
        Shape in = new Shape(c, side, side);
        Shape out = new Shape(outC, side, side);
        Translator t = build(UNet::create, in, out, Map.of("width", 2, "dropout", 0));
        assertThat(t.inputShape()).isEqualTo(in);
        assertThat(t.outputShape()).isEqualTo(out);
        assertThat(t.hasNoise()).isFalse();
        // 28 -> 14 -> 7 -> 3 -> 1: four levels; 32 -> 16 -> 8 -> 4 -> 2 -> 1: five.
        assertThat(transposedConvs(t.block())).as("default depth").isEqualTo(depth);
        Block b = initialised(t, 2, 1, 0.1f);
        assertThat(forward(t, b, 2, 2, true).getShape()).isEqualTo(batchShape(out, 2));
        assertThat(forward(t, b, 2, 2, false).getShape()).isEqualTo(batchShape(out, 2));
        Translator shallow = build(UNet::create, in, out, Map.of("width", 2, "dropout", 0,
                "depth", 2));
        assertThat(transposedConvs(shallow.block())).isEqualTo(2);
        Block sb = initialised(shallow, 1, 3, 0.1f);
        assertThat(forward(shallow, sb, 1, 4, false).getShape()).isEqualTo(batchShape(out, 1));
    }

    @Test
    void unetRefusesATooDeepNetAndDifferentSizes() {
        Shape in = new Shape(1, 28, 28);
        assertThatThrownBy(() -> build(UNet::create, in, in, Map.of("depth", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'depth' must be in [1, 4], got 5");
        assertThat(transposedConvs(build(UNet::create, in, in, Map.of("depth", 4)).block()))
                .isEqualTo(4);
        assertThatThrownBy(() -> build(UNet::create, in, new Shape(1, 56, 56), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unet maps images to images of the same size");
        assertThatThrownBy(() -> build(UNet::create, in, new Shape(1, 28, 27), Map.of()))
                .hasMessageContaining("same size");
        assertThatThrownBy(() -> build(UNet::create, in, in, Map.of("norm", "group")))
                .hasMessageContaining("option 'norm' must be one of [batch, instance, none]");
    }

    @Test
    void unetOutputsLieInTheTanhRange() {
        Shape in = new Shape(1, 28, 28);
        Translator t = build(UNet::create, in, in, Map.of("width", 2, "dropout", 0, "norm",
                "none"));
        // Large weights drive the last convolution far beyond [-1, 1] before the tanh.
        Block b = initialised(t, 2, 7, 2f);
        float[] y = forward(t, b, 2, 8, false).toFloatArray();
        double max = 0;
        for (float v : y) {
            assertThat(v).isBetween(-1f, 1f);
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).as("saturated outputs: the pre-tanh values are large").isGreaterThan(0.99);
    }

    @Test
    void unetDropoutDrawsFromTheGivenStream() {
        Shape in = new Shape(1, 28, 28);
        Translator t = build(UNet::create, in, in, Map.of("width", 2));
        assertThat(t.hasNoise()).isTrue();
        Block b = initialised(t, 2, 9, 0.3f);
        NDArray x = TestArrays.gaussian(manager, new Shape(2, 1, 28, 28), 10);
        t.noise().use(new RandomStream(5));
        float[] first = b.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
        t.noise().use(new RandomStream(5));
        float[] again = b.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
        t.noise().use(new RandomStream(6));
        float[] other = b.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
        assertThat(again).as("same stream, same masks").containsExactly(first);
        assertThat(maxDiff(first, other)).as("another stream, other masks").isGreaterThan(1e-4);

        // Dropout at inference is the default (as the paper): it needs a stream then too.
        Translator fresh = build(UNet::create, in, in, Map.of("width", 2));
        Block fb = initialised(fresh, 2, 9, 0.3f);
        assertThatThrownBy(() -> fb.forward(ps, new NDList(x), false))
                .hasStackTraceContaining("needs a stream");

        Translator plain = build(UNet::create, in, in, Map.of("width", 2,
                "dropout-at-inference", false));
        assertThat(plain.hasNoise()).isTrue();
        Block pb = initialised(plain, 2, 9, 0.3f);
        float[] p1 = pb.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] p2 = pb.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        assertThat(p2).as("no noise at inference").containsExactly(p1);
        plain.noise().use(new RandomStream(5));
        float[] trained = pb.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
        assertThat(maxDiff(p1, trained)).as("noise in training").isGreaterThan(1e-4);
    }

    private static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /**
     * Depth 1, width 2, no norm, no dropout, on 4x4: conv 1 -> 2 (4x4, stride 2, padding 1) to
     * 2x2, ReLU, transposed conv 2 -> 1 (weight (C_in, C_out, 4, 4), stride 2, padding 1) to
     * 4x4, tanh, against the same computation in doubles.
     */
    @Test
    void theSmallestUnetMatchesAScalarReference() {
        Shape in = new Shape(1, 4, 4);
        Translator t = build(UNet::create, in, in, Map.of("depth", 1, "width", 2, "norm", "none",
                "dropout", 0));
        assertThat(t.hasNoise()).isFalse();
        Block b = initialised(t, 3, 31, 0.5f);
        Map<String, NDArray> p = new LinkedHashMap<>();
        b.getParameters().forEach(e -> p.put(e.getKey(), e.getValue().getArray()));
        assertThat(p.keySet()).containsExactly("01Conv2d_weight", "01Conv2d_bias",
                "03TransposedConv2d_weight", "03TransposedConv2d_bias");
        assertThat(p.get("01Conv2d_weight").getShape()).isEqualTo(new Shape(2, 1, 4, 4));
        assertThat(p.get("03TransposedConv2d_weight").getShape())
                .isEqualTo(new Shape(2, 1, 4, 4));
        float[] w1 = p.get("01Conv2d_weight").toFloatArray();
        float[] b1 = p.get("01Conv2d_bias").toFloatArray();
        float[] w2 = p.get("03TransposedConv2d_weight").toFloatArray();
        float[] b2 = p.get("03TransposedConv2d_bias").toFloatArray();

        NDArray x = TestArrays.gaussian(manager, new Shape(3, 1, 4, 4), 32).mul(2);
        float[] y = b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] xs = x.toFloatArray();
        assertThat(y).hasSize(3 * 16);
        int negative = 0;
        for (int n = 0; n < 3; n++) {
            double[][][] h = Scalar.conv(Scalar.image(xs, n, 1, 4, 4), w1, b1, 2, 4, 2, 1);
            for (double[][] plane : h) {
                for (double[] row : plane) {
                    for (int i = 0; i < row.length; i++) {
                        negative += row[i] < 0 ? 1 : 0;
                        row[i] = Math.max(0, row[i]);
                    }
                }
            }
            double[][][] o = Scalar.transposedConv(h, w2, b2, 1, 4, 2, 1, 0);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    assertThat((double) y[n * 16 + r * 4 + c]).as("n %d (%d, %d)", n, r, c)
                            .isCloseTo(Math.tanh(o[0][r][c]), Offset.offset(1e-5));
                }
            }
        }
        assertThat(negative).as("the ReLU cuts something").isPositive();
    }

    @Test
    void resnetGivesTheRequestedShapeAndRefusesSidesNotDivisible() {
        Shape in = new Shape(1, 28, 28);
        for (Shape out : new Shape[] {new Shape(1, 28, 28), new Shape(3, 28, 28)}) {
            Translator t = build(ResnetTranslator::create, in, out, Map.of("width", 4, "blocks",
                    1));
            assertThat(t.hasNoise()).isFalse();
            Block b = initialised(t, 2, 1, 0.1f);
            assertThat(forward(t, b, 2, 2, true).getShape()).isEqualTo(batchShape(out, 2));
            assertThat(b.getOutputShapes(new Shape[] {batchShape(in, 2)})[0])
                    .isEqualTo(batchShape(out, 2));
        }
        assertThatThrownBy(() -> build(ResnetTranslator::create, new Shape(1, 30, 30),
                new Shape(1, 30, 30), Map.of("width", 4, "blocks", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("downsampling 2")
                .hasMessageContaining("multiples of 4");
        // 30 is a multiple of 2: one downsampling fits.
        Translator one = build(ResnetTranslator::create, new Shape(1, 30, 30),
                new Shape(1, 30, 30), Map.of("width", 4, "blocks", 1, "downsampling", 1));
        Block b = initialised(one, 1, 3, 0.1f);
        assertThat(forward(one, b, 1, 4, false).getShape()).isEqualTo(new Shape(1, 1, 30, 30));
        assertThatThrownBy(() -> build(ResnetTranslator::create, in, new Shape(1, 56, 56),
                Map.of())).hasMessageContaining("same size");
    }

    @ParameterizedTest(name = "srresnet {0} -> {1} (x{2})")
    @CsvSource({"7, 28, 4", "14, 28, 2", "8, 24, 3"})
    void srresnetUpscalesToTheRequestedShape(int side, int outSide, int scale) {
        Shape in = new Shape(3, side, side);
        Shape out = new Shape(3, outSide, outSide);
        TranslatorSpec spec = new TranslatorSpec(in, out, new Options("generator", Map.of(
                "width", 4, "blocks", 1)));
        assertThat(spec.scale()).isEqualTo(scale);
        Translator t = SrResnet.create(spec);
        Block b = initialised(t, 2, 5, 0.1f);
        assertThat(forward(t, b, 2, 6, false).getShape()).isEqualTo(batchShape(out, 2));
        // MXNet runs BatchNorm (the default norm) in training mode only under a collector.
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThat(forward(t, b, 2, 6, true).getShape()).isEqualTo(batchShape(out, 2));
        }
    }

    @Test
    void srresnetRefusesOtherScales() {
        assertThatThrownBy(() -> build(SrResnet::create, new Shape(3, 7, 7), new Shape(3, 35, 35),
                Map.of("width", 4, "blocks", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("srresnet upscales by 2, 3, 4 or 8")
                .hasMessageContaining("(x5)");
        assertThatThrownBy(() -> build(SrResnet::create, new Shape(3, 7, 7), new Shape(3, 7, 7),
                Map.of())).hasMessageContaining("(x1)");
        assertThatThrownBy(() -> build(SrResnet::create, new Shape(3, 7, 7), new Shape(3, 28, 14),
                Map.of())).hasMessageContaining("scaled by one integer factor");
    }
}
