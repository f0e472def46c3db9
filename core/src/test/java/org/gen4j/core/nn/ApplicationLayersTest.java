package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parametric ReLU against its closed form and its slope's gradient, and a transposed
 * convolution whose weight serves two passes of one graph (CycleGAN's generators), against the
 * sum of the two single-pass gradients.
 */
class ApplicationLayersTest {

    @BaseManager private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        ps = new ParameterStore(manager, false);
    }

    @Test
    void preluIsMaxPlusSlopeTimesMinAndLearnsItsSlope() {
        Shape shape = new Shape(2, 3, 4);
        NDArray x = TestArrays.gaussian(manager, shape, 2);
        ParametricRelu prelu = Layers.prelu();
        prelu.initialize(manager, DataType.FLOAT32, shape);
        NDArray alpha = prelu.getDirectParameters().get("alpha").getArray();
        assertThat(alpha.toFloatArray()).containsExactly(0.25f);
        alpha.setRequiresGradient(true);
        float[] xs = x.toFloatArray();
        float[] y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = prelu.forward(ps, new NDList(x), true).singletonOrThrow();
            y = out.toFloatArray();
            gc.backward(out.sum());
        }
        double slopeGradient = 0;
        for (int i = 0; i < xs.length; i++) {
            assertThat(y[i]).isCloseTo(xs[i] > 0 ? xs[i] : 0.25f * xs[i], within(1e-6f));
            slopeGradient += Math.min(xs[i], 0);
        }
        assertThat(alpha.getGradient().toFloatArray()[0]).isCloseTo((float) slopeGradient,
                within(1e-4f));
    }

    @Test
    void aTransposedConvolutionServesTwoPassesOfOneGraphInAPhasesOnlyScope() {
        Shape in = new Shape(2, 4, 5, 5);
        NDArray x1 = TestArrays.gaussian(manager, in, 3);
        NDArray x2 = TestArrays.gaussian(manager, in, 4);
        float[] twice;
        float[] sum = new float[0];
        try (TransposedConvolution.Scope scope = TransposedConvolution.phasesOnly()) {
            TransposedConv2d t = layer(in);
            twice = gradient(t, x1, x2);
            float[] g1 = gradient(t, x1, null);
            float[] g2 = gradient(t, x2, null);
            sum = new float[g1.length];
            for (int i = 0; i < g1.length; i++) {
                sum[i] = g1[i] + g2[i];
            }
        }
        assertThat(twice).hasSize(sum.length);
        for (int i = 0; i < sum.length; i++) {
            assertThat(twice[i]).as("weight gradient %d", i).isCloseTo(sum[i], within(1e-3f));
        }
    }

    private TransposedConv2d layer(Shape in) {
        TransposedConv2d t = TransposedConv2d.builder().setInChannels(4).setOutChannels(3)
                .setKernelShape(3).optStride(2).optPadding(1).optOutputPadding(1).build();
        t.setInitializer(new SeededNormalInitializer(new org.gen4j.core.random.RandomStream(5),
                0f, 0.3f), Parameter.Type.WEIGHT);
        t.initialize(manager, DataType.FLOAT32, in);
        return t;
    }

    /** The weight's gradient of the sum of the outputs for one or two inputs. */
    private float[] gradient(TransposedConv2d t, NDArray x1, NDArray x2) {
        NDArray w = t.getDirectParameters().get("weight").getArray();
        w.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = t.forward(ps, new NDList(x1), true).singletonOrThrow().sum();
            if (x2 != null) {
                y = y.add(t.forward(ps, new NDList(x2), true).singletonOrThrow().sum());
            }
            gc.backward(y);
        }
        NDArray g = w.getGradient();
        float[] out = g.toFloatArray();
        // The PyTorch engine accumulates gradients over collections: clear for the next call.
        g.muli(0);
        return out;
    }
}
