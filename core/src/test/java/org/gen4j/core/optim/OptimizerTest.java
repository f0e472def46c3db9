package org.gen4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.Map;
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

    /**
     * An update adds no arrays to the long-lived managers (the parameter's and, under it, the
     * optimizer's): its temporaries live in scratch, and the weight and state change in place.
     */
    @Test
    void updatesLeaveNoArraysBehind() {
        for (OptimizerSpec spec : List.of(
                OptimizerSpec.sgd(0.05, 0.9).with("weight-decay", 0.01).with("nesterov", true),
                OptimizerSpec.sgd(0.05, 0.9).with("dampening", 0.1),
                OptimizerSpec.sgd(0.05, 0),
                OptimizerSpec.rmsprop(0.01, 0.9).with("weight-decay", 0.01),
                OptimizerSpec.adam(0.01, 0.5, 0.999))) {
            try (NDManager m = NDManager.newBaseManager();
                    Optimizer opt = Optimizers.create(spec)) {
                Parameter p = parameter(m);
                List<NamedParameter> params = List.of(new NamedParameter("w", p));
                int after2 = 0;
                for (int t = 1; t <= 5; t++) {
                    try (NDManager step = m.newSubManager();
                            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        // the loss's arrays belong to the step's manager (its receiver's)
                        NDArray c = step.create(C);
                        gc.backward(c.mul(p.getArray()).mul(p.getArray()).sum());
                    }
                    opt.step(params);
                    if (t == 2) {
                        after2 = m.getManagedArrays().size();
                    }
                }
                assertThat(m.getManagedArrays()).as(spec.toString()).hasSize(after2);
                assertThat(p.getArray().toFloatArray()).as(spec.toString())
                        .isNotEqualTo(W0);
            }
        }
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
                Optimizer adam = Optimizers.create(OptimizerSpec.adam(lr, b1, b2))) {
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
                Optimizer rms = Optimizers.create(OptimizerSpec.rmsprop(lr, rho))) {
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

    /** A schedule scales each update: 1, 0.6, 0 (no move), 0.2, against the scalar rules. */
    @Test
    void learningRateScaleMultipliesEachUpdate() {
        double[] scales = {1, 0.6, 0, 0.2};
        double lr = 0.01;
        double b1 = 0.5;
        double b2 = 0.999;
        double rho = 0.9;
        double eps = 1e-8;
        double[] wa = new double[W0.length];
        double[] wr = new double[W0.length];
        double[] mo = new double[W0.length];
        double[] v = new double[W0.length];
        double[] n = new double[W0.length];
        for (int i = 0; i < W0.length; i++) {
            wa[i] = W0[i];
            wr[i] = W0[i];
        }
        try (NDManager m = NDManager.newBaseManager();
                Optimizer adam = Optimizers.create(OptimizerSpec.adam(lr, b1, b2));
                Optimizer rms = Optimizers.create(OptimizerSpec.rmsprop(lr, rho))) {
            Parameter pa = parameter(m);
            Parameter pr = parameter(m);
            for (int t = 1; t <= scales.length; t++) {
                double scale = scales[t - 1];
                adam.setLearningRateScale(scale);
                rms.setLearningRateScale(scale);
                backward(m, pa);
                adam.step(List.of(new NamedParameter("w", pa)));
                backward(m, pr);
                rms.step(List.of(new NamedParameter("w", pr)));
                for (int i = 0; i < W0.length; i++) {
                    double g = 2 * C[i] * wa[i];
                    mo[i] = b1 * mo[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    wa[i] -= scale * lr * (mo[i] / (1 - Math.pow(b1, t)))
                            / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
                    double gr = 2 * C[i] * wr[i];
                    n[i] = rho * n[i] + (1 - rho) * gr * gr;
                    wr[i] -= scale * lr * gr / (Math.sqrt(n[i]) + eps);
                }
                float[] actualA = pa.getArray().toFloatArray();
                float[] actualR = pr.getArray().toFloatArray();
                for (int i = 0; i < W0.length; i++) {
                    assertThat((double) actualA[i]).as("adam w[%d] after step %d", i, t)
                            .isCloseTo(wa[i], within(2e-6));
                    assertThat((double) actualR[i]).as("rmsprop w[%d] after step %d", i, t)
                            .isCloseTo(wr[i], within(2e-6));
                }
            }
            assertThat(pa.getArray().toFloatArray()[0]).isNotEqualTo(W0[0]);
            assertThatThrownBy(() -> adam.setLearningRateScale(1.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("learning-rate scale must be in [0, 1], got 1.5");
            assertThatThrownBy(
                    () -> rms.setLearningRateScale(Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stateRoundTripsExactly() throws Exception {
        try (NDManager m = NDManager.newBaseManager();
                Optimizer a = Optimizers.create(OptimizerSpec.dcganAdam());
                Optimizer b = Optimizers.create(OptimizerSpec.dcganAdam())) {
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
            try (Optimizer c = Optimizers.create(OptimizerSpec.dcganAdam())) {
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

    /** SGD with momentum (heavy ball and Nesterov) and weight decay, as torch.optim.SGD. */
    @Test
    void sgdMatchesPyTorchsRule() {
        double lr = 0.05;
        double mu = 0.9;
        double wd = 0.01;
        for (boolean nesterov : new boolean[] {false, true}) {
            double[] w = new double[W0.length];
            double[] b = new double[W0.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = W0[i];
            }
            OptimizerSpec spec = OptimizerSpec.sgd(lr, mu).with("weight-decay", wd)
                    .with("nesterov", nesterov);
            try (NDManager m = NDManager.newBaseManager();
                    Optimizer sgd = Optimizers.create(spec)) {
                Parameter p = parameter(m);
                List<NamedParameter> params = List.of(new NamedParameter("w", p));
                for (int t = 1; t <= 4; t++) {
                    backward(m, p);
                    sgd.step(params);
                    for (int i = 0; i < w.length; i++) {
                        double g = 2 * C[i] * w[i] + wd * w[i];
                        b[i] = t == 1 ? g : mu * b[i] + g;
                        w[i] -= lr * (nesterov ? g + mu * b[i] : b[i]);
                    }
                    float[] actual = p.getArray().toFloatArray();
                    for (int i = 0; i < w.length; i++) {
                        assertThat((double) actual[i])
                                .as("w[%d] after step %d, nesterov %s", i, t, nesterov)
                                .isCloseTo(w[i], within(2e-6));
                    }
                }
            }
        }
    }

    @Test
    void plainSgdAndItsBadSettings() {
        try (NDManager m = NDManager.newBaseManager();
                Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(0.1, 0))) {
            Parameter p = parameter(m);
            backward(m, p);
            sgd.step(List.of(new NamedParameter("w", p)));
            float[] actual = p.getArray().toFloatArray();
            for (int i = 0; i < W0.length; i++) {
                assertThat((double) actual[i]).isCloseTo(W0[i] - 0.1 * 2 * C[i] * W0[i],
                        within(1e-6));
            }
        }
        assertThatThrownBy(() -> Optimizers.create(OptimizerSpec.sgd(0.1, 0)
                .with("nesterov", true)))
                .hasMessageContaining("nesterov needs momentum > 0");
        assertThatThrownBy(() -> Optimizers.create(OptimizerSpec.sgd(0, 0.5)))
                .hasMessageContaining("option 'lr' must be in (0.0, 10.0], got 0");
        assertThatThrownBy(() -> Optimizers.create(OptimizerSpec.sgd(0.1, 1)))
                .hasMessageContaining("option 'momentum' must be in [0.0, 1.0), got 1");
        assertThatThrownBy(() -> Optimizers.create(new OptimizerSpec("adamw", Map.of())))
                .hasMessageContaining("optimizer 'adamw' is not built in");
    }

    @Test
    void sgdStateRoundTripsExactly() throws Exception {
        OptimizerSpec spec = OptimizerSpec.sgd(0.05, 0.9);
        try (NDManager m = NDManager.newBaseManager();
                Optimizer a = Optimizers.create(spec);
                Optimizer b = Optimizers.create(spec)) {
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
            try (Optimizer c = Optimizers.create(spec)) {
                c.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), qa);
                backward(m, p);
                a.step(pa);
                backward(m, q);
                c.step(qa);
                assertThat(q.getArray().toFloatArray()).isEqualTo(p.getArray().toFloatArray());
            }
        }
    }
}
