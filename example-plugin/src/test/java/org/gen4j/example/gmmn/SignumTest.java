package org.gen4j.example.gmmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** The plugin's optimizer against its scalar rule. */
class SignumTest {

    private static final float[] W0 = {0.5f, -1.25f, 2f, 0.01f};
    private static final float[] C = {0.3f, -2f, 0.05f, 7f};

    @Test
    void signumMatchesItsRule() {
        double lr = 0.01;
        double beta = 0.8;
        double[] w = new double[W0.length];
        double[] m = new double[W0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = W0[i];
        }
        try (NDManager manager = NDManager.newBaseManager();
                Optimizer signum = new SignumFactory().create(new Options("signum",
                        Map.of("lr", lr, "beta", beta)))) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(W0.length)).build();
            p.setInitializer((mm, shape, type) -> mm.create(W0).toType(type, false));
            p.initialize(manager, DataType.FLOAT32);
            List<NamedParameter> params = List.of(new NamedParameter("w", p));
            for (int t = 1; t <= 4; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(p.getArray().square().mul(manager.create(C)).sum());
                }
                signum.step(params);
                for (int i = 0; i < w.length; i++) {
                    double g = 2 * C[i] * w[i];
                    m[i] = beta * m[i] + (1 - beta) * g;
                    w[i] -= lr * Math.signum(m[i]);
                }
                float[] actual = p.getArray().toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    assertThat((double) actual[i]).as("w[%d] after step %d", i, t)
                            .isCloseTo(w[i], within(1e-6));
                }
            }
        }
    }
}
