package org.gen4j.core.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/**
 * {@link LayerNorm} under a gradient collection, where MXNet computes it as a per-sample batch
 * norm: the output and the gradients of its input, scale and shift against the closed forms,
 * computed here in double from the formula of the class's documentation. The forward outside a
 * collection (the engine's fused layer norm) is checked in {@code LayersTest}, and the same
 * result both ways here.
 */
class LayerNormTrainingTest {

    private static final int N = 3;
    private static final int C = 4;
    private static final int H = 3;
    private static final int W = 5;

    @BaseManager private NDManager manager;

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"}, mode = Mode.INCLUDE)
    void outputAndGradientsMatchTheClosedForms(DataType type) {
        Shape shape = new Shape(N, C, H, W);
        int per = C * H * W;
        Random random = new Random(17);
        double[] x = new double[N * per];
        double[] r = new double[N * per];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * random.nextGaussian() + 1.5;
            r[i] = random.nextGaussian();
        }
        double[] g = {0.5, -1.25, 2, 0.75};
        double[] b = {0.1, 0.2, -0.3, 0.4};

        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] dGamma = new double[C];
        double[] dBeta = new double[C];
        for (int n = 0; n < N; n++) {
            double mean = 0;
            for (int i = 0; i < per; i++) {
                mean += x[n * per + i] / per;
            }
            double var = 0;
            for (int i = 0; i < per; i++) {
                var += Math.pow(x[n * per + i] - mean, 2) / per;
            }
            double invStd = 1 / Math.sqrt(var + Layers.LAYER_NORM_EPSILON);
            double[] xhat = new double[per];
            double[] h = new double[per];
            double meanH = 0;
            double meanHx = 0;
            for (int i = 0; i < per; i++) {
                int c = i / (H * W);
                int at = n * per + i;
                xhat[i] = (x[at] - mean) * invStd;
                y[at] = g[c] * xhat[i] + b[c];
                dGamma[c] += r[at] * xhat[i];
                dBeta[c] += r[at];
                h[i] = r[at] * g[c];
                meanH += h[i] / per;
                meanHx += h[i] * xhat[i] / per;
            }
            for (int i = 0; i < per; i++) {
                dx[n * per + i] = (h[i] - meanH - xhat[i] * meanHx) * invStd;
            }
        }

        LayerNorm norm = Layers.layerNorm();
        norm.initialize(manager, type, shape);
        Parameter gamma = norm.getParameters().get("gamma");
        Parameter beta = norm.getParameters().get("beta");
        gamma.getArray().set(manager.create(g).toType(type, false).toByteBuffer());
        beta.getArray().set(manager.create(b).toType(type, false).toByteBuffer());
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray input = manager.create(x, shape).toType(type, false);
        double tolerance = type == DataType.FLOAT64 ? 1e-10 : 2e-5;

        NDArray outside = norm.forward(ps, new NDList(input), true).singletonOrThrow();
        NDAssert.assertAllClose(outside, y, shape, tolerance, tolerance);

        input.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = norm.forward(ps, new NDList(input), true).singletonOrThrow();
            NDAssert.assertAllClose(out, y, shape, tolerance, tolerance);
            gc.backward(out.mul(manager.create(r, shape).toType(type, false)).sum());
        }
        NDAssert.assertAllClose(input.getGradient(), dx, shape, tolerance, tolerance);
        NDAssert.assertAllClose(gamma.getArray().getGradient(), dGamma, new Shape(C),
                tolerance, tolerance);
        NDAssert.assertAllClose(beta.getArray().getGradient(), dBeta, new Shape(C),
                tolerance, tolerance);
    }
}
