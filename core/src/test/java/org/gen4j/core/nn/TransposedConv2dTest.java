package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gen4j.core.nn.TransposedConvCases.atol;
import static org.gen4j.core.nn.TransposedConvCases.gaussian;
import static org.gen4j.core.nn.TransposedConvCases.reference;
import static org.gen4j.core.nn.TransposedConvCases.square;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.stream.Stream;
import org.gen4j.core.nn.TransposedConvCases.Case;
import org.gen4j.core.nn.TransposedConvCases.Reference;
import org.gen4j.core.random.RandomStream;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransposedConv2dTest {

    private static final double RTOL = 1e-4;

    @BaseManager private NDManager manager;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gen4j.core.nn.TransposedConvCases#cases")
    void forwardAndGradientsMatchScalarReference(Case c) {
        RandomStream rng = new RandomStream(c.name().hashCode());
        Shape xShape = new Shape(c.n(), c.inC(), c.h(), c.w());
        Shape yShape = new Shape(c.n(), c.outC(), c.outH(), c.outW());
        float[] x = gaussian(rng, (int) xShape.size(), 1f);
        float[] r = gaussian(rng, (int) yShape.size(), 1f);

        TransposedConv2d block = c.block();
        block.setInitializer(new SeededNormalInitializer(rng, 0f, 0.1f), p -> true);
        block.initialize(manager, DataType.FLOAT32, xShape);
        assertThat(block.getOutputShapes(new Shape[] {xShape})).containsExactly(yShape);
        NDArray weight = block.getParameters().get("weight").getArray();
        assertThat(weight.getShape()).isEqualTo(new Shape(c.inC(), c.outC(), c.kH(), c.kW()));
        float[] wv = weight.toFloatArray();
        float[] bv = new float[c.outC()];
        if (c.bias()) {
            // Not zero, so that the bias really is checked.
            bv = gaussian(rng, c.outC(), 1f);
            block.getParameters().get("bias").getArray().set(bv);
        }
        Reference ref = reference(c, x, wv, bv, r);

        ParameterStore ps = new ParameterStore(manager, false);
        NDArray xa = manager.create(x, xShape);
        xa.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(ps, new NDList(xa), true).singletonOrThrow();
            NDAssert.assertAllClose(y, ref.y(), yShape, RTOL, atol(ref.y()));
            gc.backward(y.mul(manager.create(r, yShape)).sum());
        }
        NDAssert.assertAllClose(xa.getGradient(), ref.dx(), xShape, RTOL, atol(ref.dx()));
        NDAssert.assertAllClose(weight.getGradient(), ref.dw(), weight.getShape(), RTOL, atol(ref.dw()));
        if (c.bias()) {
            NDArray bias = block.getParameters().get("bias").getArray();
            NDAssert.assertAllClose(bias.getGradient(), ref.db(), bias.getShape(), RTOL, atol(ref.db()));
        }
    }

    @Test
    void staticFunctionMatchesBlock() {
        Case c = square("static", 2, 3, 2, 5, 4, 2, 1, 0, true);
        TransposedConv2d block = c.block();
        Shape xShape = new Shape(2, 3, 5, 5);
        block.initialize(manager, DataType.FLOAT32, xShape);
        block.getParameters().get("bias").getArray().set(new float[] {0.5f, -1f});
        NDArray x = manager.randomNormal(xShape);
        NDArray viaBlock =
                block.forward(new ParameterStore(manager, false), new NDList(x), false).head();
        NDArray viaFunction =
                TransposedConvolution.transposedConv2d(
                        x,
                        block.getParameters().get("weight").getArray(),
                        block.getParameters().get("bias").getArray(),
                        new Shape(2, 2),
                        new Shape(1, 1),
                        new Shape(0, 0));
        NDAssert.assertAllClose(viaFunction, viaBlock, 0, 0);
    }

    @Test
    void rejectsWrongChannelsWithBothShapes() {
        TransposedConv2d block =
                TransposedConv2d.builder()
                        .setInChannels(64)
                        .setOutChannels(1)
                        .setKernelShape(4)
                        .optStride(2)
                        .optPadding(1)
                        .build();
        NDArray x = manager.zeros(new Shape(8, 1, 7, 7));
        ParameterStore ps = new ParameterStore(manager, false);
        assertThatThrownBy(() -> block.forward(ps, new NDList(x), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TransposedConv2d expects (N, 64, H, W) but got (8, 1, 7, 7)");
        assertThatThrownBy(
                        () -> block.initialize(manager, DataType.FLOAT32, new Shape(8, 64, 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects (N, 64, H, W) but got (8, 64, 7)");
        block.initialize(manager, DataType.FLOAT32, new Shape(8, 64, 7, 7));
        assertThatThrownBy(() -> block.forward(ps, new NDList(x), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TransposedConv2d expects (N, 64, H, W) but got (8, 1, 7, 7)");
    }

    @Test
    void rejectsOutputSmallerThanOnePixel() {
        TransposedConv2d block =
                TransposedConv2d.builder()
                        .setInChannels(2)
                        .setOutChannels(2)
                        .setKernelShape(1)
                        .optPadding(1)
                        .build();
        assertThatThrownBy(() -> block.getOutputShapes(new Shape[] {new Shape(1, 2, 1, 5)}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output height (1 - 1) * 1 - 2 * 1 + 1 + 0 = -1 is < 1");
    }

    @Test
    void builderNamesTheBadSetting() {
        assertThatThrownBy(() -> valid().optStride(0).build())
                .hasMessage("stride must be >= 1 in each dimension, got (0, 0)");
        assertThatThrownBy(() -> valid().optPadding(new Shape(1, -1)).build())
                .hasMessage("padding must be >= 0 in each dimension, got (1, -1)");
        assertThatThrownBy(() -> valid().optStride(2).optOutputPadding(2).build())
                .hasMessage(
                        "outputPadding must be smaller than stride in each dimension, got (2, 2)"
                                + " with stride (2, 2)");
        assertThatThrownBy(() -> valid().setInChannels(0).build())
                .hasMessage("inChannels must be >= 1, got 0");
        assertThatThrownBy(() -> valid().setOutChannels(-3).build())
                .hasMessage("outChannels must be >= 1, got -3");
        assertThatThrownBy(() -> valid().setKernelShape(new Shape(3)).build())
                .hasMessage("kernelShape must have 2 dimensions (height, width), got (3)");
        assertThatThrownBy(
                        () ->
                                TransposedConv2d.builder()
                                        .setInChannels(1)
                                        .setOutChannels(1)
                                        .build())
                .hasMessage("kernelShape must be set");
    }

    private static TransposedConv2d.Builder valid() {
        return TransposedConv2d.builder().setInChannels(3).setOutChannels(2).setKernelShape(3);
    }

    @Test
    void staticFunctionChecksItsArguments() {
        NDArray x = manager.zeros(new Shape(1, 3, 4, 4));
        NDArray w = manager.zeros(new Shape(3, 2, 3, 3));
        Shape one = new Shape(1, 1);
        Shape zero = new Shape(0, 0);
        assertThatThrownBy(
                        () ->
                                TransposedConvolution.transposedConv2d(
                                        x, w, manager.zeros(new Shape(3)), one, zero, zero))
                .hasMessageContaining("bias must be (2), got (3)");
        assertThatThrownBy(
                        () ->
                                TransposedConvolution.transposedConv2d(
                                        manager.zeros(new Shape(1, 2, 4, 4)),
                                        w,
                                        null,
                                        one,
                                        zero,
                                        zero))
                .hasMessageContaining("expects (N, 3, H, W) but got (1, 2, 4, 4)");
    }

    @Test
    void parametersRoundTripThroughSaveAndLoad() throws Exception {
        Shape xShape = new Shape(2, 4, 3, 3);
        TransposedConv2d saved = valid().setInChannels(4).optStride(2).optPadding(1).build();
        saved.setInitializer(new SeededNormalInitializer(7, 0f, 0.2f), p -> true);
        saved.initialize(manager, DataType.FLOAT32, xShape);
        saved.getParameters().get("bias").getArray().set(new float[] {0.25f, -0.5f});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            saved.saveParameters(os);
        }

        TransposedConv2d loaded = valid().setInChannels(4).optStride(2).optPadding(1).build();
        try (DataInputStream is =
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            loaded.loadParameters(manager, is);
        }
        assertThat(loaded.isInitialized()).isTrue();
        NDArray x = manager.randomNormal(xShape);
        ParameterStore ps = new ParameterStore(manager, false);
        NDAssert.assertAllClose(
                loaded.forward(ps, new NDList(x), false).head(),
                saved.forward(ps, new NDList(x), false).head(),
                0,
                0);
    }

    @Test
    void trainingStepsLeaveNothingInTheModelManager() {
        Shape xShape = new Shape(4, 8, 5, 5);
        TransposedConv2d block = valid().setInChannels(8).setKernelShape(4).optStride(2).build();
        block.initialize(manager, DataType.FLOAT32, xShape);
        ParameterStore ps = new ParameterStore(manager, false);
        int before = -1;
        for (int step = 0; step < 20; step++) {
            try (NDManager stepManager = manager.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = stepManager.randomNormal(xShape);
                NDArray y = block.forward(ps, new NDList(x), true).head();
                gc.backward(y.square().sum());
            }
            int now = manager.getManagedArrays().size();
            if (step == 0) {
                before = now;
            }
            assertThat(now).as("arrays in the model manager after step %d", step).isEqualTo(before);
        }
    }

    @Test
    void multiplyAddsAreThoseOfANativeTransposedConvolution() {
        // k4 s2 p1, 7x7 -> 14x14 (DCGAN on 28x28): every input pixel times every tap, no more.
        assertThat(macs(new Shape(64, 128, 7, 7), 64, 4, 2, 1, 0)).isEqualTo(64L * 128 * 64 * 49 * 16);
        assertThat(macs(new Shape(64, 64, 14, 14), 1, 4, 2, 1, 0)).isEqualTo(64L * 64 * 196 * 16);
        // k4 s1 p0 from 1x1: one matrix product.
        assertThat(macs(new Shape(8, 100, 1, 1), 512, 4, 1, 0, 0)).isEqualTo(8L * 100 * 512 * 16);
        // k1 s3: only one phase in nine has a tap.
        assertThat(macs(new Shape(1, 2, 4, 4), 3, 1, 3, 0, 0)).isEqualTo(2L * 3 * 16);
        // k3 s2 p1 op1 and k5 s2 p2 op1: at most every pixel times every tap.
        assertThat(macs(new Shape(1, 2, 5, 5), 3, 3, 2, 1, 1)).isLessThanOrEqualTo(2L * 3 * 25 * 9);
        assertThat(macs(new Shape(1, 2, 6, 6), 3, 5, 2, 2, 1)).isLessThanOrEqualTo(2L * 3 * 36 * 25);
    }

    private static long macs(Shape x, int outC, int k, int s, int p, int op) {
        return PhaseDeconvolution.multiplyAdds(
                x,
                new Shape(x.get(1), outC, k, k),
                new Shape(s, s),
                new Shape(p, p),
                new Shape(op, op));
    }

    @Test
    void worksInsideASequentialBlockAfterAReshape() {
        SequentialBlock generator =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(2 * 3 * 3).build())
                        .add(Layers.reshape(2, 3, 3))
                        .add(
                                valid().setInChannels(2)
                                        .setOutChannels(1)
                                        .setKernelShape(4)
                                        .optStride(2)
                                        .optPadding(1)
                                        .build());
        Shape zShape = new Shape(4, 10);
        generator.initialize(manager, DataType.FLOAT32, zShape);
        assertThat(generator.getOutputShapes(new Shape[] {zShape}))
                .containsExactly(new Shape(4, 1, 6, 6));
        NDArray y =
                generator
                        .forward(
                                new ParameterStore(manager, false),
                                new NDList(manager.randomNormal(zShape)),
                                false)
                        .head();
        assertThat(y.getShape()).isEqualTo(new Shape(4, 1, 6, 6));
    }

    /**
     * The convolution's input gradient in forward operations is the engine's own, for strides
     * whose output padding is 0, 1 and 2, a kernel smaller than the stride, one channel, and a
     * rectangular input.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void conv2dInputGradientIsTheConvolutionsInputGradient(
            String name, Shape xShape, Shape wShape, int stride, int padding) {
        RandomStream rng = new RandomStream(name.hashCode());
        NDArray x = manager.create(gaussian(rng, (int) xShape.size(), 1f), xShape);
        NDArray w = manager.create(gaussian(rng, (int) wShape.size(), 0.3f), wShape);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        x.setRequiresGradient(true);
        NDArray g;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv2d.conv2d(x, w, null, s, p, new Shape(1, 1)).singletonOrThrow();
            g = manager.create(gaussian(rng, (int) y.getShape().size(), 1f), y.getShape());
            gc.backward(y.mul(g).sum());
        }
        NDArray vjp = TransposedConvolution.conv2dInputGradient(g, w, s, p, xShape);
        NDAssert.assertAllClose(vjp, x.getGradient(), RTOL, 1e-5);
    }

    static Stream<Arguments> convolutions() {
        return Stream.of(
                args("k4 s2 p1 8x8 (output padding 0)", new Shape(2, 3, 8, 8), 4, 4, 2, 1),
                args("k4 s2 p1 7x7 (output padding 1)", new Shape(2, 3, 7, 7), 4, 4, 2, 1),
                args("k3 s3 p1 rect 9x7 (output padding 2 and 0)", new Shape(1, 2, 9, 7), 5, 3, 3,
                        1),
                args("k1 s2 p0 (kernel < stride)", new Shape(2, 2, 6, 6), 3, 1, 2, 0),
                args("k3 s1 p1 one input channel", new Shape(2, 1, 5, 5), 4, 3, 1, 1),
                args("k4 s1 p0 to 1x1 (DCGAN 64 critic's last layer)", new Shape(2, 8, 4, 4), 1,
                        4, 1, 0));
    }

    private static Arguments args(
            String name, Shape x, int outC, int k, int s, int p) {
        return Arguments.of(
                name, x, new Shape(outC, x.get(1), k, k), s, p);
    }

    @Test
    void conv2dInputGradientRefusesShapesOfNoConvolution() {
        NDArray g = manager.zeros(new Shape(2, 4, 3, 3));
        NDArray w = manager.zeros(new Shape(4, 3, 4, 4));
        assertThatThrownBy(() -> TransposedConvolution.conv2dInputGradient(g, w, new Shape(2, 2),
                        new Shape(1, 1), new Shape(2, 3, 9, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3, 9, 9)").hasMessageContaining("(2, 4, 3, 3)");
        assertThatThrownBy(() -> TransposedConvolution.conv2dInputGradient(g, w, new Shape(2, 2),
                        new Shape(1, 1), new Shape(2, 5, 6, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(C_out, C_in, kH, kW)");
    }
}
