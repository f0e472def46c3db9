package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.assertj.core.data.Offset;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spectral normalisation against an SVD from commons-math3, a plain-Java forward, finite
 * differences for the weight's gradient (which passes through sigma), autograd for the input
 * gradient of the vjp route, and a save and load that keeps the power iteration's vectors.
 */
class SpectralNormTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    private NDArray random(Shape shape, long seed) {
        return TestArrays.gaussian(manager, shape, seed);
    }

    private static double largestSingularValue(float[] w, int rows) {
        int cols = w.length / rows;
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = w[i * cols + j];
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(m, false))
                .getSingularValues()[0];
    }

    private static Parameter param(SpectralNorm sn, String name) {
        return sn.getDirectParameters().get(name);
    }

    @Test
    void afterEnoughPowerIterationsTheNormalisedWeightHasSpectralNormOne() {
        for (SpectralNorm sn : new SpectralNorm[] {SpectralNorm.linear(6, true, 1, 1),
                SpectralNorm.conv2d(5, 3, 2, 1, true, 1, 2)}) {
            Shape in = sn.toString().contains("conv") ? new Shape(2, 3, 8, 8) : new Shape(2, 9);
            sn.initialize(manager, DataType.FLOAT32, in);
            NDArray x = random(in, 3);
            for (int i = 0; i < 60; i++) {
                sn.forward(ps, new NDList(x), true);
            }
            float[] w = param(sn, "weight").getArray().toFloatArray();
            double sigma = largestSingularValue(w, 6 - (sn.toString().contains("conv") ? 1 : 0));
            assertThat(sn.sigma() / sigma).as("%s: estimated over SVD sigma", sn)
                    .isCloseTo(1.0, Offset.offset(1e-3));
            float[] normalised = param(sn, "weight").getArray().div(sn.sigma()).toFloatArray();
            assertThat(largestSingularValue(normalised, 6 - (sn.toString().contains("conv") ? 1
                    : 0))).as("%s: spectral norm of W / sigma", sn)
                    .isCloseTo(1.0, Offset.offset(1e-3));
        }
    }

    @Test
    void theLinearForwardIsXWTransposedOverSigmaPlusBias() {
        SpectralNorm sn = SpectralNorm.linear(3, true, 1, 5);
        sn.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
        random(new Shape(3), 9).copyTo(param(sn, "bias").getArray());
        NDArray x = random(new Shape(2, 4), 4);
        sn.forward(ps, new NDList(x), true);
        float[] y = sn.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
        float[] w = param(sn, "weight").getArray().toFloatArray();
        float[] b = param(sn, "bias").getArray().toFloatArray();
        float[] xs = x.toFloatArray();
        double sigma = sn.sigma();
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 3; o++) {
                double s = b[o];
                for (int i = 0; i < 4; i++) {
                    s += xs[n * 4 + i] * w[o * 4 + i] / sigma;
                }
                assertThat((double) y[n * 3 + o]).isCloseTo(s, Offset.offset(1e-5));
            }
        }
    }

    @Test
    void theWeightGradientPassesThroughSigmaAsFiniteDifferencesSay() {
        SpectralNorm sn = SpectralNorm.conv2d(3, 3, 1, 1, false, 1, 7);
        Shape in = new Shape(2, 2, 5, 5);
        sn.initialize(manager, DataType.FLOAT32, in);
        NDArray x = random(in, 1);
        sn.forward(ps, new NDList(x), true);
        NDArray g = random(new Shape(2, 3, 5, 5), 2);
        NDArray weight = param(sn, "weight").getArray();
        float[] analytic;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // Inference: u and v stay fixed, so the loss is a function of W alone.
            NDArray loss = sn.forward(ps, new NDList(x), false).singletonOrThrow().mul(g).sum();
            gc.backward(loss);
            analytic = weight.getGradient().toFloatArray();
        }
        float[] w0 = weight.toFloatArray();
        double eps = 1e-2;
        for (int i = 0; i < w0.length; i += 3) {
            double[] f = new double[2];
            for (int k = 0; k < 2; k++) {
                float[] w = w0.clone();
                w[i] += (float) (k == 0 ? eps : -eps);
                manager.create(w, weight.getShape()).copyTo(weight);
                f[k] = sn.forward(ps, new NDList(x), false).singletonOrThrow().mul(g).sum()
                        .getFloat();
            }
            assertThat((double) analytic[i]).as("dL/dW[%d]", i)
                    .isCloseTo((f[0] - f[1]) / (2 * eps), Offset.offset(2e-3));
        }
        manager.create(w0, weight.getShape()).copyTo(weight);
    }

    @Test
    void theInputVjpEqualsAutogradsInputGradient() {
        for (SpectralNorm sn : new SpectralNorm[] {SpectralNorm.linear(4, true, 1, 3),
                SpectralNorm.conv2d(4, 4, 2, 1, true, 1, 4)}) {
            boolean conv = sn.toString().contains("conv");
            Shape in = conv ? new Shape(2, 3, 8, 8) : new Shape(2, 5);
            sn.initialize(manager, DataType.FLOAT32, in);
            NDArray x = random(in, 5);
            x.setRequiresGradient(true);
            float[] autograd;
            float[] vjp;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = sn.forward(ps, new NDList(x), true).singletonOrThrow();
                NDArray g = random(y.getShape(), 6);
                vjp = sn.inputVjp(ps, x, y, g).toFloatArray();
                gc.backward(y.mul(g).sum());
                autograd = x.getGradient().toFloatArray();
            }
            for (int i = 0; i < vjp.length; i++) {
                assertThat(vjp[i]).as("%s dx[%d]", sn, i)
                        .isCloseTo(autograd[i], Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void savedParametersKeepThePowerIterationsVectors() throws Exception {
        SpectralNorm sn = SpectralNorm.linear(3, false, 1, 1);
        sn.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        NDArray x = random(new Shape(1, 4), 8);
        for (int i = 0; i < 5; i++) {
            sn.forward(ps, new NDList(x), true);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sn.saveParameters(new DataOutputStream(bytes));
        SpectralNorm loaded = SpectralNorm.linear(3, false, 1, 99);
        loaded.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        loaded.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(
                bytes.toByteArray())));
        assertThat(param(loaded, "u").getArray().toFloatArray())
                .containsExactly(param(sn, "u").getArray().toFloatArray());
        assertThat(loaded.sigma()).isEqualTo(sn.sigma());
        assertThat(param(sn, "u").requiresGradient()).isFalse();
    }

    @Test
    void badSettingsAndInputsAreRefused() {
        assertThatThrownBy(() -> SpectralNorm.linear(0, true, 1, 0))
                .hasMessageContaining("at least 1 output");
        assertThatThrownBy(() -> SpectralNorm.conv2d(2, 3, 1, 1, true, 0, 0))
                .hasMessageContaining("power iterations must be >= 1");
        SpectralNorm conv = SpectralNorm.conv2d(2, 3, 1, 1, true, 1, 0);
        assertThatThrownBy(() -> conv.initialize(manager, DataType.FLOAT32, new Shape(2, 3)))
                .hasMessageContaining("takes (N, C, H, W), got (2, 3)");
    }
}
