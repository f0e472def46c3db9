package org.gen4j.core.grad;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Random;
import java.util.Set;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.nn.Layers;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vjp route against the truth, in float64: its input gradient against central finite
 * differences of {@code sum_i D(x)_i} and against the engine's own first-order input gradient, and
 * the parameter gradient of a WGAN-GP penalty built on it (obtained by one first-order backward)
 * against central finite differences of the penalty. The last is what proves that the penalty
 * really trains the critic.
 */
class VjpRouteTest {

    /**
     * Central-difference step: the error is about {@code h^2 |f'''| + 1e-16 |f| / h}, smallest
     * near {@code h = 1e-5}; measured worst errors there are 2e-8 relative and 5e-10 absolute on
     * both engines, well inside the tolerances below.
     */
    private static final double H = 1e-5;
    private static final double FD_RTOL = 1e-6;
    private static final double FD_ATOL = 1e-9;
    /** The route and autograd compute the same sums in another order. */
    private static final double AUTOGRAD_RTOL = 1e-9;
    private static final double AUTOGRAD_ATOL = 1e-12;

    @BaseManager private NDManager manager;
    private final VjpRoute route = new VjpRoute();

    // ---- critics --------------------------------------------------------------------------

    static Block mlpCritic() {
        return new SequentialBlock()
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(8).build())
                .add(Layers.leakyRelu(0.2f))
                .add(Linear.builder().setUnits(6).build())
                .add(Layers.leakyRelu(0.2f))
                .add(Linear.builder().setUnits(1).build());
    }

    static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .build();
    }

    /** The WGAN-GP paper's kind of critic: strided convolutions, layer norm, leaky ReLU. */
    static Block convCritic() {
        return new SequentialBlock()
                .add(conv(4, 4, 2, 1))
                .add(Layers.leakyRelu(0.2f))
                .add(conv(6, 4, 2, 1))
                .add(Layers.layerNorm())
                .add(Layers.leakyRelu(0.2f))
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(1).build());
    }

    /** Every other supported block: residual, average pooling, tanh, sigmoid, ReLU, reshape. */
    static Block mixedCritic() {
        return new SequentialBlock()
                .add(conv(4, 3, 1, 1))
                .add(Layers.relu())
                .add(Layers.residual(new SequentialBlock().add(conv(4, 3, 1, 1))
                        .add(Layers.tanh())))
                .add(Layers.avgPool(2))
                .add(Layers.sigmoid())
                .add(Layers.reshape(-1))
                .add(Layers.layerNorm())
                .add(Linear.builder().setUnits(5).build())
                .add(Layers.tanh())
                .add(Linear.builder().setUnits(1).build());
    }

    /**
     * Initialises a critic in float64 with seeded, non-trivial values everywhere: weights scaled
     * by fan-in, biases, layer-norm scales and shifts away from their 1/0 defaults.
     */
    private Discriminator critic(Block block, Shape sample, long seed) {
        block.initialize(manager, DataType.FLOAT64, new Shape(1).addAll(sample));
        Random r = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            double[] v = new double[Math.toIntExact(s.size())];
            Parameter.Type type = p.getValue().getType();
            double std = type == Parameter.Type.WEIGHT ? 1.5 / Math.sqrt(s.slice(1).size()) : 0.3;
            double mean = type == Parameter.Type.GAMMA ? 1 : 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = mean + std * r.nextGaussian();
            }
            a.set(v);
        }
        return Discriminator.of(block, sample, Set.of());
    }

    private NDArray input(Shape sample, int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[Math.toIntExact(sample.size() * n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return manager.create(v, new Shape(n).addAll(sample));
    }

    private static ParameterStore store(NDManager m) {
        return new ParameterStore(m, false);
    }

    /**
     * Central differences of {@code sum_i D(x)_i} with respect to every element of {@code x}, in
     * one forward pass: row {@code 2k} of the batch is the sample of element {@code k} with that
     * element raised by {@code H}, row {@code 2k + 1} with it lowered. This is exact for critics
     * that treat samples independently, which every critic the route accepts does.
     */
    private double[] centralDifferences(Discriminator d, ParameterStore ps, NDArray x) {
        double[] xv = x.toDoubleArray();
        int n = Math.toIntExact(x.getShape().get(0));
        int per = xv.length / n;
        double[] rows = new double[2 * xv.length * per];
        for (int k = 0; k < xv.length; k++) {
            int sample = k / per;
            for (int sign = 0; sign < 2; sign++) {
                int row = 2 * k + sign;
                System.arraycopy(xv, sample * per, rows, row * per, per);
                rows[row * per + k % per] += sign == 0 ? H : -H;
            }
        }
        try (NDManager sub = manager.newSubManager()) {
            NDArray batch = sub.create(rows, new Shape(2L * xv.length).addAll(d.inputShape()));
            double[] out = d.block().forward(ps, new NDList(batch), true).singletonOrThrow()
                    .toDoubleArray();
            double[] fd = new double[xv.length];
            for (int k = 0; k < xv.length; k++) {
                fd[k] = (out[2 * k] - out[2 * k + 1]) / (2 * H);
            }
            return fd;
        }
    }

    /** The WGAN-GP penalty {@code mean_i (||g_i|| - 1)^2}, norms over all non-batch axes. */
    static NDArray penalty(NDArray g) {
        long n = g.getShape().get(0);
        NDArray norms = g.reshape(n, -1).square().sum(new int[] {1}).sqrt();
        return norms.sub(1).square().mean();
    }

    private double penaltyValue(Discriminator d, ParameterStore ps, NDArray x) {
        try (NDManager step = manager.newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(step);
            return penalty(route.inputGradient(d, ps, xs)).toDoubleArray()[0];
        }
    }

    // ---- input gradient ---------------------------------------------------------------------

    private void checkInputGradient(Discriminator d, NDArray x) {
        ParameterStore ps = store(manager);
        NDArray g = route.inputGradient(d, ps, x);
        assertThat(g.getDataType()).isEqualTo(DataType.FLOAT64);
        assertThat(g.getManager()).isSameAs(x.getManager());

        double[] fd = centralDifferences(d, ps, x);
        NDAssert.assertAllClose(g, fd, x.getShape(), FD_RTOL, FD_ATOL);
        assertThat(maxAbs(fd)).as("the check is not vacuous").isGreaterThan(1e-2);

        // The engine's own first-order input gradient.
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(d.block().forward(ps, new NDList(leaf), true).singletonOrThrow().sum());
        }
        NDAssert.assertAllClose(g, leaf.getGradient(), AUTOGRAD_RTOL, AUTOGRAD_ATOL);
    }

    @Test
    void mlpInputGradientMatchesFiniteDifferencesAndAutograd() {
        Shape sample = new Shape(2, 3);
        checkInputGradient(critic(mlpCritic(), sample, 1), input(sample, 3, 2));
    }

    @ParameterizedTest(name = "{0} channels, {1}x{1}")
    @CsvSource({"1, 8", "2, 7"})
    void convInputGradientMatchesFiniteDifferencesAndAutograd(int channels, int size) {
        // 8x8: every transposed convolution has output padding 0; 7x7: output padding 1 (the
        // stride skips the last row and column). One channel takes the sub-pixel transposed
        // convolution, two channels MXNet's native deconvolution.
        Shape sample = new Shape(channels, size, size);
        checkInputGradient(critic(convCritic(), sample, 3), input(sample, 2, 4));
    }

    @Test
    void mixedInputGradientMatchesFiniteDifferencesAndAutograd() {
        Shape sample = new Shape(2, 7, 7);
        checkInputGradient(critic(mixedCritic(), sample, 5), input(sample, 2, 6));
    }

    // ---- parameter gradient of the penalty --------------------------------------------------

    private void checkPenaltyGradient(Discriminator d, NDArray x, long seed) {
        ParameterStore ps = store(manager);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(penalty(route.inputGradient(d, ps, x)));
        }
        Random r = new Random(seed);
        int checked = 0;
        for (Pair<String, Parameter> p : d.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            double[] grad = a.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            double[] original = a.toDoubleArray();
            int[] entries = {0, original.length - 1, r.nextInt(original.length)};
            for (int j : entries) {
                double[] v = original.clone();
                v[j] = original[j] + H;
                a.set(v);
                double plus = penaltyValue(d, ps, x);
                v[j] = original[j] - H;
                a.set(v);
                double minus = penaltyValue(d, ps, x);
                a.set(original);
                double fd = (plus - minus) / (2 * H);
                assertThat(grad[j]).as("dP/d%s[%d]", p.getKey(), j)
                        .isCloseTo(fd, org.assertj.core.data.Offset.offset(
                                FD_ATOL + FD_RTOL * Math.abs(fd)));
                checked++;
            }
            Parameter.Type type = p.getValue().getType();
            // A shift (bias, beta) followed only by piecewise-linear layers moves the input
            // gradient only through the ReLU masks, so its gradient is rightly zero; scales are
            // never so.
            if (type == Parameter.Type.WEIGHT || type == Parameter.Type.GAMMA) {
                assertThat(maxAbs(grad)).as("dP/d%s is not all zero", p.getKey())
                        .isGreaterThan(1e-6);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3 * 4);
    }

    @Test
    void mlpPenaltyParameterGradientMatchesFiniteDifferences() {
        Shape sample = new Shape(2, 3);
        checkPenaltyGradient(critic(mlpCritic(), sample, 11), input(sample, 3, 12), 13);
    }

    @ParameterizedTest(name = "{0} channels, {1}x{1}")
    @CsvSource({"1, 8", "2, 7"})
    void convPenaltyParameterGradientMatchesFiniteDifferences(int channels, int size) {
        Shape sample = new Shape(channels, size, size);
        checkPenaltyGradient(critic(convCritic(), sample, 21), input(sample, 2, 22), 23);
    }

    @Test
    void mixedPenaltyParameterGradientMatchesFiniteDifferences() {
        Shape sample = new Shape(2, 7, 7);
        checkPenaltyGradient(critic(mixedCritic(), sample, 31), input(sample, 2, 32), 33);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
