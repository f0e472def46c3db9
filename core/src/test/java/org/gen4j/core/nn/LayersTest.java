package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gen4j's own layers as ordinary DJL blocks (values, shapes, parameters, save and load) and their
 * input vector-Jacobian products against the engine's autograd, block by block.
 */
class LayersTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    private NDArray gaussian(Shape shape, long seed, DataType type) {
        Random r = new Random(seed);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        NDArray a = manager.create(v, shape);
        return type == DataType.FLOAT64 ? a : a.toType(type, false);
    }

    private NDArray forward(Block b, NDArray x) {
        return b.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    @Test
    void activationsComputeTheirFunctions() {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            NDArray x = gaussian(new Shape(3, 4), 1, type);
            double[] xv = x.toType(DataType.FLOAT64, false).toDoubleArray();
            Block[] blocks = {Layers.leakyRelu(0.2f), Layers.relu(), Layers.tanh(),
                Layers.sigmoid()};
            double[][] expected = {
                map(xv, v -> v > 0 ? v : 0.2f * v),
                map(xv, v -> Math.max(v, 0)),
                map(xv, Math::tanh),
                map(xv, v -> 1 / (1 + Math.exp(-v)))
            };
            double tol = type == DataType.FLOAT64 ? 1e-15 : 1e-6;
            for (int i = 0; i < blocks.length; i++) {
                blocks[i].initialize(manager, type, x.getShape());
                NDArray y = forward(blocks[i], x);
                assertThat(y.getDataType()).isEqualTo(type);
                NDAssert.assertAllClose(y, expected[i], x.getShape(), tol, tol);
                assertThat(blocks[i].getOutputShapes(new Shape[] {x.getShape()}))
                        .containsExactly(x.getShape());
                assertThat(blocks[i].getParameters().isEmpty()).isTrue();
            }
        }
        assertThat(Layers.leakyRelu(0.1f).getSlope()).isEqualTo(0.1f);
        assertThatThrownBy(() -> Layers.leakyRelu(Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slope");
    }

    @Test
    void flattenAndReshapeKeepTheBatchAxis() {
        NDArray x = gaussian(new Shape(2, 3, 4, 5), 2, DataType.FLOAT32);
        Flatten flatten = Layers.flatten();
        NDArray flat = forward(flatten, x);
        assertThat(flat.getShape()).isEqualTo(new Shape(2, 60));
        assertThat(flatten.getOutputShapes(new Shape[] {x.getShape()}))
                .containsExactly(new Shape(2, 60));
        NDAssert.assertAllClose(flat, x.reshape(2, 60), 0, 0);

        Reshape back = Layers.reshape(3, -1, 5);
        assertThat(back.getOutputShapes(new Shape[] {new Shape(2, 60)}))
                .containsExactly(new Shape(2, 3, 4, 5));
        NDAssert.assertAllClose(forward(back, flat), x, 0, 0);
        assertThat(forward(Layers.reshape(60), x).getShape()).isEqualTo(new Shape(2, 60));

        assertThatThrownBy(() -> forward(Layers.reshape(7), flat))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 60)").hasMessageContaining("[7]");
        assertThatThrownBy(() -> Layers.reshape(8, -1).getOutputShapes(
                        new Shape[] {new Shape(2, 60)}))
                .hasMessageContaining("[8, -1]");
        for (Executable bad : new Executable[] {Layers::reshape, () -> Layers.reshape(-1, -1),
            () -> Layers.reshape(0, 4)}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad);
        }
    }

    @Test
    void layerNormNormalisesEachSampleWithAScaleAndShiftPerChannel() {
        Shape shape = new Shape(2, 3, 2, 2);
        NDArray x = gaussian(shape, 3, DataType.FLOAT64).mul(2).add(1);
        LayerNorm norm = Layers.layerNorm();
        norm.initialize(manager, DataType.FLOAT64, shape);
        Parameter gamma = norm.getParameters().get("gamma");
        Parameter beta = norm.getParameters().get("beta");
        assertThat(gamma.getType()).isEqualTo(Parameter.Type.GAMMA);
        assertThat(gamma.getArray().toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(beta.getArray().toDoubleArray()).containsExactly(0, 0, 0);
        double[] g = {0.5, -1, 2};
        double[] b = {0.1, 0.2, -0.3};
        gamma.getArray().set(g);
        beta.getArray().set(b);

        double[] xv = x.toDoubleArray();
        double[] expected = new double[xv.length];
        int per = 12;
        for (int n = 0; n < 2; n++) {
            double mean = 0;
            for (int i = 0; i < per; i++) {
                mean += xv[n * per + i] / per;
            }
            double var = 0;
            for (int i = 0; i < per; i++) {
                var += Math.pow(xv[n * per + i] - mean, 2) / per;
            }
            for (int i = 0; i < per; i++) {
                int c = i / 4;
                expected[n * per + i] = g[c] * (xv[n * per + i] - mean)
                        / Math.sqrt(var + Layers.LAYER_NORM_EPSILON) + b[c];
            }
        }
        NDAssert.assertAllClose(forward(norm, x), expected, shape, 1e-12, 1e-12);
        assertThat(norm.getOutputShapes(new Shape[] {shape})).containsExactly(shape);

        // 2-D input: the usual layer norm with one scale and shift per feature.
        LayerNorm flat = Layers.layerNorm();
        flat.initialize(manager, DataType.FLOAT64, new Shape(2, 12));
        assertThat(flat.getParameters().get("gamma").getArray().getShape())
                .isEqualTo(new Shape(12));
        NDArray y = forward(flat, x.reshape(2, 12));
        NDAssert.assertAllClose(y.mean(new int[] {1}), new double[] {0, 0}, new Shape(2), 0,
                1e-12);

        assertThatThrownBy(() -> forward(norm, gaussian(new Shape(2, 4, 2, 2), 4,
                        DataType.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 channels").hasMessageContaining("(2, 4, 2, 2)");
        assertThatThrownBy(() -> Layers.layerNorm(0f)).hasMessageContaining("epsilon");
    }

    @Test
    void avgPoolAveragesWindowsAndDropsWhatFillsNone() {
        Shape shape = new Shape(1, 2, 5, 4);
        NDArray x = gaussian(shape, 5, DataType.FLOAT64);
        AvgPool2d pool = Layers.avgPool(2);
        NDArray y = forward(pool, x);
        assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 2, 2));
        assertThat(pool.getOutputShapes(new Shape[] {shape})).containsExactly(y.getShape());
        double[] xv = x.toDoubleArray();
        double[] expected = new double[8];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double s = 0;
                    for (int a = 0; a < 2; a++) {
                        for (int bb = 0; bb < 2; bb++) {
                            s += xv[c * 20 + (2 * i + a) * 4 + 2 * j + bb];
                        }
                    }
                    expected[c * 4 + i * 2 + j] = s / 4;
                }
            }
        }
        NDAssert.assertAllClose(y, expected, y.getShape(), 1e-14, 1e-14);
        assertThatThrownBy(() -> forward(Layers.avgPool(3), gaussian(new Shape(1, 1, 2, 5), 6,
                        DataType.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1, 1, 2, 5)");
        assertThatThrownBy(() -> Layers.avgPool(0)).hasMessageContaining("kernel");
    }

    @Test
    void residualAddsItsBodyAndRefusesABodyThatChangesTheShape() {
        Block body = Linear.builder().setUnits(4).build();
        Residual residual = Layers.residual(body);
        Shape shape = new Shape(3, 4);
        residual.initialize(manager, DataType.FLOAT32, shape);
        assertThat(residual.getParameters().size()).isEqualTo(2);
        NDArray x = gaussian(shape, 7, DataType.FLOAT32);
        NDAssert.assertAllClose(forward(residual, x), x.add(forward(body, x)), 1e-6, 1e-6);
        assertThat(residual.getOutputShapes(new Shape[] {shape})).containsExactly(shape);
        assertThat(residual.getBody()).isSameAs(body);

        Residual wrong = Layers.residual(Linear.builder().setUnits(1).build());
        assertThatThrownBy(() -> wrong.getOutputShapes(new Shape[] {shape}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 4)").hasMessageContaining("(3, 1)");
        wrong.initialize(manager, DataType.FLOAT32, shape);
        // (3, 4) + (3, 1) would broadcast: the block must say no instead.
        assertThatThrownBy(() -> forward(wrong, x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3, 1)");
    }

    /** A network with every gen4j layer, for save and load. */
    private static Block everyLayer() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1)).build())
                .add(Layers.layerNorm())
                .add(Layers.leakyRelu(0.2f))
                .add(Layers.residual(new SequentialBlock()
                        .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(1, 1))
                                .build())
                        .add(Layers.relu())))
                .add(Layers.avgPool(2))
                .add(Layers.flatten())
                .add(Layers.reshape(4, -1))
                .add(Layers.tanh())
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(3).build())
                .add(Layers.sigmoid())
                .add(Linear.builder().setUnits(1).build());
    }

    @Test
    void everyLayerSavesAndLoads() throws Exception {
        Shape shape = new Shape(2, 2, 4, 4);
        Block saved = everyLayer();
        saved.initialize(manager, DataType.FLOAT32, shape);
        Random r = new Random(8);
        for (Pair<String, Parameter> p : saved.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] v = new float[Math.toIntExact(a.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            a.set(v);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            saved.saveParameters(os);
        }
        Block loaded = everyLayer();
        try (DataInputStream is =
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            loaded.loadParameters(manager, is);
        }
        NDArray x = gaussian(shape, 9, DataType.FLOAT32);
        NDArray expected = forward(saved, x);
        assertThat(expected.getShape()).isEqualTo(new Shape(2, 1));
        assertThat(saved.getOutputShapes(new Shape[] {shape})).containsExactly(new Shape(2, 1));
        NDAssert.assertAllClose(forward(loaded, x), expected, 0, 0);
    }

    /** A network of DJL lambdas and its twin of gen4j blocks, as mlp-gan and dcgan had them. */
    private static Block[] lambdaAndLayers() {
        Block lambdas = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(12).build())
                .add(Activation.leakyReluBlock(0.2f))
                .add(LambdaBlock.singleton(x -> x.reshape(-1, 3, 2, 2), "reshape"))
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(2).build())
                .add(Activation.tanhBlock())
                .add(Activation.sigmoidBlock());
        Block layers = new SequentialBlock()
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(12).build())
                .add(Layers.leakyRelu(0.2f))
                .add(Layers.reshape(3, 2, 2))
                .add(Layers.relu())
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(2).build())
                .add(Layers.tanh())
                .add(Layers.sigmoid());
        return new Block[] {lambdas, layers};
    }

    @Test
    void parameterFilesOfDjlLambdaNetworksLoadBothWays() throws Exception {
        Shape shape = new Shape(2, 2, 3);
        NDArray x = gaussian(shape, 13, DataType.FLOAT32);
        for (int from = 0; from < 2; from++) {
            Block[] pair = lambdaAndLayers();
            Block saved = pair[from];
            Block loaded = pair[1 - from];
            saved.initialize(manager, DataType.FLOAT32, shape);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream os = new DataOutputStream(bytes)) {
                saved.saveParameters(os);
            }
            try (DataInputStream is =
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                loaded.loadParameters(manager, is);
            }
            NDAssert.assertAllClose(forward(loaded, x), forward(saved, x), 0, 0);
        }
    }

    static Stream<Arguments> vjpBlocks() {
        return Stream.<Pair<String, Supplier<Block>>>of(
                        new Pair<>("leakyRelu", () -> Layers.leakyRelu(0.2f)),
                        new Pair<>("relu", Layers::relu),
                        new Pair<>("tanh", Layers::tanh),
                        new Pair<>("sigmoid", Layers::sigmoid),
                        new Pair<>("flatten", Layers::flatten),
                        new Pair<>("reshape", () -> Layers.reshape(-1, 2)),
                        new Pair<>("layerNorm", Layers::layerNorm),
                        new Pair<>("avgPool 2", () -> Layers.avgPool(2)),
                        new Pair<>("avgPool 3 (drops a row)", () -> Layers.avgPool(3)))
                .map(p -> Arguments.of(p.getKey(), p.getValue()));
    }

    /**
     * Each block's {@link InputVjp} against the engine's own backward: {@code g^T dy/dx} is the
     * gradient of {@code sum(g * y)}. Float64, with random {@code g} and non-trivial parameters.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vjpBlocks")
    void inputVjpMatchesAutograd(String name, Supplier<Block> factory) {
        Shape shape = new Shape(2, 3, 4, 4);
        Block block = factory.get();
        block.initialize(manager, DataType.FLOAT64, shape);
        Random r = new Random(10);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            double[] v = new double[Math.toIntExact(a.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 + 0.5 * r.nextGaussian();
            }
            a.set(v);
        }
        NDArray x = gaussian(shape, 11, DataType.FLOAT64);
        NDArray y = forward(block, x);
        NDArray g = gaussian(y.getShape(), 12, DataType.FLOAT64);
        NDArray vjp = ((InputVjp) block).inputVjp(ps, x, y, g);

        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(forward(block, leaf).mul(g).sum());
        }
        NDAssert.assertAllClose(vjp, leaf.getGradient(), 1e-10, 1e-12);
        assertThat(vjp.getManager()).isSameAs(manager);
    }
}
