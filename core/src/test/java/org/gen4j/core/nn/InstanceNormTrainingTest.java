package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link InstanceNorm} under a gradient collection, where MXNet computes it as a batch norm with
 * one channel for each channel of each image and a depthwise convolution: the output and the
 * gradients of its input, scale and shift against the closed forms, computed here in double from
 * the formula of the class's documentation. The forward outside a collection (the formula's
 * operators) is checked in {@code ImageLayersTest}.
 */
class InstanceNormTrainingTest {

    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;
    private static final double EPSILON = 1e-5;

    @BaseManager private NDManager manager;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void outputAndGradientsMatchTheClosedForms(boolean affine) {
        Shape shape = new Shape(N, C, H, W);
        int per = H * W;
        Random random = new Random(23);
        double[] x = new double[N * C * per];
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.5 * random.nextGaussian() - 0.75;
            r[i] = random.nextGaussian();
        }
        double[] g = affine ? new double[] {0.5, -1.25, 2} : new double[] {1, 1, 1};
        double[] b = affine ? new double[] {0.1, 0.2, -0.3} : new double[] {0, 0, 0};

        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] dGamma = new double[C];
        double[] dBeta = new double[C];
        for (int group = 0; group < N * C; group++) {
            int c = group % C;
            int base = group * per;
            double mean = 0;
            for (int i = 0; i < per; i++) {
                mean += x[base + i] / per;
            }
            double var = 0;
            for (int i = 0; i < per; i++) {
                var += Math.pow(x[base + i] - mean, 2) / per;
            }
            double invStd = 1 / Math.sqrt(var + EPSILON);
            double meanH = 0;
            double meanHx = 0;
            for (int i = 0; i < per; i++) {
                double xhat = (x[base + i] - mean) * invStd;
                y[base + i] = g[c] * xhat + b[c];
                dGamma[c] += r[base + i] * xhat;
                dBeta[c] += r[base + i];
                meanH += r[base + i] * g[c] / per;
                meanHx += r[base + i] * g[c] * xhat / per;
            }
            for (int i = 0; i < per; i++) {
                double xhat = (x[base + i] - mean) * invStd;
                dx[base + i] = (r[base + i] * g[c] - meanH - xhat * meanHx) * invStd;
            }
        }

        InstanceNorm norm = Layers.instanceNorm(affine);
        norm.initialize(manager, DataType.FLOAT32, shape);
        if (affine) {
            set(norm.getParameters().get("gamma"), g);
            set(norm.getParameters().get("beta"), b);
        } else {
            assertThat(norm.getParameters().size()).isZero();
        }
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray input = manager.create(x, shape).toType(DataType.FLOAT32, false);
        input.setRequiresGradient(true);
        double tolerance = 2e-5;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = norm.forward(ps, new NDList(input), true).singletonOrThrow();
            NDAssert.assertAllClose(out, y, shape, tolerance, tolerance);
            gc.backward(out.mul(manager.create(r, shape).toType(DataType.FLOAT32, false)).sum());
        }
        NDAssert.assertAllClose(input.getGradient(), dx, shape, tolerance, tolerance);
        if (affine) {
            NDAssert.assertAllClose(norm.getParameters().get("gamma").getArray().getGradient(),
                    dGamma, new Shape(C), tolerance, tolerance);
            NDAssert.assertAllClose(norm.getParameters().get("beta").getArray().getGradient(),
                    dBeta, new Shape(C), tolerance, tolerance);
        }
    }

    private void set(Parameter p, double[] values) {
        p.getArray().set(manager.create(values).toType(DataType.FLOAT32, false).toByteBuffer());
    }
}
