package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.assertj.core.data.Offset;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The image layers of the applications against plain-Java scalar references: instance
 * normalisation, reflection padding and pixel shuffle, with their input gradients against finite
 * differences.
 */
class ImageLayersTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    private float[] forward(Block block, NDArray x) {
        block.initialize(manager, DataType.FLOAT32, x.getShape());
        return block.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void instanceNormNormalisesEachChannelOfEachImageThenScalesAndShifts() {
        Shape shape = new Shape(2, 3, 4, 5);
        NDArray x = TestArrays.gaussian(manager, shape, 1).mul(3).add(2);
        InstanceNorm norm = Layers.instanceNorm(true);
        norm.initialize(manager, DataType.FLOAT32, shape);
        manager.create(new float[] {0.5f, 2f, -1f}).copyTo(
                norm.getDirectParameters().get("gamma").getArray());
        manager.create(new float[] {0.1f, 0f, 3f}).copyTo(
                norm.getDirectParameters().get("beta").getArray());
        float[] y = norm.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
        float[] xs = x.toFloatArray();
        double[] gamma = {0.5, 2, -1};
        double[] beta = {0.1, 0, 3};
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                int base = (n * 3 + c) * 20;
                double mean = 0;
                for (int i = 0; i < 20; i++) {
                    mean += xs[base + i] / 20.0;
                }
                double var = 0;
                for (int i = 0; i < 20; i++) {
                    var += Math.pow(xs[base + i] - mean, 2) / 20.0;
                }
                for (int i = 0; i < 20; i++) {
                    double expected = gamma[c] * (xs[base + i] - mean) / Math.sqrt(var + 1e-5)
                            + beta[c];
                    assertThat((double) y[base + i]).isCloseTo(expected, Offset.offset(1e-4));
                }
            }
        }
        assertThat(forward(Layers.instanceNorm(false), x)).hasSize(xs.length);
        assertThat(Layers.instanceNorm(false).getParameters().size()).isZero();
    }

    @Test
    void reflectionPadMirrorsWithoutRepeatingTheBorder() {
        Shape shape = new Shape(1, 2, 3, 4);
        NDArray x = TestArrays.gaussian(manager, shape, 2);
        ReflectionPad pad = Layers.reflectionPad(2);
        float[] y = forward(pad, x);
        float[] xs = x.toFloatArray();
        assertThat(pad.getOutputShapes(new Shape[] {shape})).containsExactly(
                new Shape(1, 2, 7, 8));
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 8; j++) {
                    int si = reflect(i - 2, 3);
                    int sj = reflect(j - 2, 4);
                    assertThat(y[(c * 7 + i) * 8 + j]).as("(%d, %d, %d)", c, i, j)
                            .isEqualTo(xs[(c * 3 + si) * 4 + sj]);
                }
            }
        }
        assertThatThrownBy(() -> forward(Layers.reflectionPad(3), x))
                .hasMessageContaining("needs images larger than it");
    }

    /** The reflected index of k in [0, n), the border not repeated. */
    private static int reflect(int k, int n) {
        if (k < 0) {
            return -k;
        }
        return k >= n ? 2 * (n - 1) - k : k;
    }

    @Test
    void pixelShuffleMovesChannelGroupsIntoSubPixels() {
        int r = 2;
        Shape shape = new Shape(2, 3 * r * r, 2, 3);
        NDArray x = TestArrays.gaussian(manager, shape, 3);
        float[] y = forward(Layers.pixelShuffle(r), x);
        float[] xs = x.toFloatArray();
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 6; w++) {
                        int in = c * r * r + (h % r) * r + (w % r);
                        float expected = xs[((n * 12 + in) * 2 + h / r) * 3 + w / r];
                        assertThat(y[((n * 3 + c) * 4 + h) * 6 + w]).isEqualTo(expected);
                    }
                }
            }
        }
        assertThatThrownBy(() -> forward(Layers.pixelShuffle(2),
                TestArrays.gaussian(manager, new Shape(1, 3, 2, 2), 0)))
                .hasMessageContaining("expects (N, C * 4, H, W)");
    }

    @Test
    void inputGradientsMatchFiniteDifferences() {
        for (Block block : new Block[] {Layers.instanceNorm(true), Layers.reflectionPad(1),
            Layers.pixelShuffle(2)}) {
            Shape shape = new Shape(1, 4, 3, 3);
            block.initialize(manager, DataType.FLOAT32, shape);
            float[] x0 = TestArrays.gaussian(manager, shape, 4).toFloatArray();
            Shape out = block.getOutputShapes(new Shape[] {shape})[0];
            NDArray g = TestArrays.gaussian(manager, out, 5);
            NDArray x = manager.create(x0, shape);
            x.setRequiresGradient(true);
            float[] analytic;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(block.forward(ps, new NDList(x), true).singletonOrThrow().mul(g)
                        .sum());
                analytic = x.getGradient().toFloatArray();
            }
            double eps = 1e-2;
            for (int i = 0; i < x0.length; i += 5) {
                double[] f = new double[2];
                for (int k = 0; k < 2; k++) {
                    float[] xp = x0.clone();
                    xp[i] += (float) (k == 0 ? eps : -eps);
                    f[k] = block.forward(ps, new NDList(manager.create(xp, shape)), true)
                            .singletonOrThrow().mul(g).sum().getFloat();
                }
                assertThat((double) analytic[i]).as("%s dx[%d]", block, i)
                        .isCloseTo((f[0] - f[1]) / (2 * eps), Offset.offset(5e-3));
            }
        }
    }
}
