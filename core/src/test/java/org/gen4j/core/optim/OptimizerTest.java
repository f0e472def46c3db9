package org.gen4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimizers against scalar reference implementations of their update rules. */
class OptimizerTest {

    private static final float[] W0 = {0.5f, -1.25f, 2f, 0.01f};
    private static final float[] C = {0.3f, -2f, 0.05f, 7f};

    /** The loss sum(c * w^2) gives the gradient 2 c w, which changes from step to step. */
    private static void backward(NDManager m, Parameter p) {
        NDArray c = m.create(C);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().square().mul(c).sum());
        }
    }

    private static Parameter parameter(NDManager m) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(W0.length)).build();
        p.setInitializer((mm, shape, type) -> mm.create(W0).toType(type, false));
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    @Test
    void adamMatchesTheBiasCorrectedRule() {
        double lr = 0.01;
        double b1 = 0.5;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] w = new double[W0.length];
        double[] mo = new double[W0.length];
        double[] v = new double[W0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = W0[i];
        }
        try (NDManager m = NDManager.newBaseManager();
                Optimizer adam = new OptimizerSpec("adam", lr, b1, b2, eps, 0).create(m)) {
            Parameter p = parameter(m);
            List<NamedParameter> params = List.of(new NamedParameter("w", p));
            for (int t = 1; t <= 5; t++) {
                backward(m, p);
                adam.step(params);
                for (int i = 0; i < w.length; i++) {
                    double g = 2 * C[i] * w[i];
                    mo[i] = b1 * mo[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double mhat = mo[i] / (1 - Math.pow(b1, t));
                    double vhat = v[i] / (1 - Math.pow(b2, t));
                    w[i] -= lr * mhat / (Math.sqrt(vhat) + eps);
                }
                float[] actual = p.getArray().toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    assertThat((double) actual[i]).as("w[%d] after step %d", i, t)
                            .isCloseTo(w[i], within(2e-6));
                }
            }
            assertThat(adam.stepCount()).isEqualTo(5);
        }
    }

    @Test
    void rmspropMatchesItsRule() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-8;
        double[] w = new double[W0.length];
        double[] n = new double[W0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = W0[i];
        }
        try (NDManager m = NDManager.newBaseManager();
                Optimizer rms = new OptimizerSpec("rmsprop", lr, 0, rho, eps, 0).create(m)) {
            Parameter p = parameter(m);
            List<NamedParameter> params = List.of(new NamedParameter("w", p));
            for (int t = 1; t <= 4; t++) {
                backward(m, p);
                rms.step(params);
                for (int i = 0; i < w.length; i++) {
                    double g = 2 * C[i] * w[i];
                    n[i] = rho * n[i] + (1 - rho) * g * g;
                    w[i] -= lr * g / (Math.sqrt(n[i]) + eps);
                }
                float[] actual = p.getArray().toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    assertThat((double) actual[i]).as("w[%d] after step %d", i, t)
                            .isCloseTo(w[i], within(2e-6));
                }
            }
        }
    }

    @Test
    void stateRoundTripsExactly() throws Exception {
        try (NDManager m = NDManager.newBaseManager();
                Optimizer a = OptimizerSpec.dcganAdam().create(m);
                Optimizer b = OptimizerSpec.dcganAdam().create(m)) {
            Parameter p = parameter(m);
            Parameter q = parameter(m);
            List<NamedParameter> pa = List.of(new NamedParameter("w", p));
            List<NamedParameter> qa = List.of(new NamedParameter("w", q));
            for (int t = 0; t < 3; t++) {
                backward(m, p);
                a.step(pa);
                backward(m, q);
                b.step(qa);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(new DataOutputStream(bytes));
            try (Optimizer c = OptimizerSpec.dcganAdam().create(m)) {
                c.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), qa);
                assertThat(c.stepCount()).isEqualTo(3);
                backward(m, p);
                a.step(pa);
                backward(m, q);
                c.step(qa);
                assertThat(q.getArray().toFloatArray()).isEqualTo(p.getArray().toFloatArray());
            }
        }
    }
}
