package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.assertj.core.data.Offset;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.model.Discriminator;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.Engines;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The create-graph route on the PyTorch engine, against finite differences, in float64. */
// Many collectors here are opened only to turn gradient recording on, never referenced.
@SuppressWarnings("try")
class CreateGraphRouteTest {

    /** Finite-difference step for the penalty, a smooth function of the parameters. */
    private static final double EPS = 1e-6;

    /**
     * Finite-difference step for the critic's input: the critic is piecewise linear in it (linear
     * layers and leaky ReLU), so a central difference is exact but for rounding, which a larger
     * step makes smaller.
     */
    private static final double EPS_INPUT = 1e-4;

    private final InputGradientRoute route = new CreateGraphRoute();

    @BaseManager private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void open() {
        store = new ParameterStore(manager, false);
    }

    @Test
    void runsOnPyTorchWhateverTheProfile() {
        assertThat(Engines.current()).isEqualTo(Engines.PYTORCH);
        assertThat(System.getProperty("gen4j.engine")).isEqualTo(Engines.PYTORCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gen4j.engine.pytorch.Critics#both")
    void inputGradientMatchesFiniteDifferences(
            String name, BiFunction<NDManager, Long, Discriminator> build) {
        Discriminator critic = build.apply(manager, 11L);
        NDArray x = Critics.batch(manager, critic, 3, 12L);
        NDArray g;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            g = route.inputGradient(critic, store, x);
        }
        assertThat(g.getShape()).isEqualTo(x.getShape());
        assertThat(g.getManager()).isSameAs(x.getManager());

        double[] expected = finiteDifferenceInputGradient(critic, x);
        NDAssert.assertAllClose(g, expected, x.getShape(), 1e-7, 1e-9);
    }

    /**
     * Central differences of {@code sum_i D(x)_i} with respect to each entry of {@code x}. The
     * critic treats samples independently, so the derivative for an entry of sample i is that of
     * D(x_i) alone: every perturbed copy of a sample goes in one batch, one forward pass.
     */
    private double[] finiteDifferenceInputGradient(Discriminator critic, NDArray x) {
        double[] values = x.toDoubleArray();
        int n = Math.toIntExact(x.getShape().get(0));
        int per = values.length / n;
        double[] perturbed = new double[2 * values.length * per];
        for (int e = 0; e < values.length; e++) {
            int sample = e / per;
            for (int sign = 0; sign < 2; sign++) {
                int row = 2 * e + sign;
                System.arraycopy(values, sample * per, perturbed, row * per, per);
                perturbed[row * per + e % per] += sign == 0 ? EPS_INPUT : -EPS_INPUT;
            }
        }
        double[] scores;
        try (NDManager scratch = manager.newSubManager()) {
            Shape shape = new Shape(2L * values.length).addAll(critic.inputShape());
            NDArray batch = scratch.create(perturbed, shape);
            scores = Critics.scores(critic, store, batch).toDoubleArray();
        }
        double[] derivative = new double[values.length];
        for (int e = 0; e < values.length; e++) {
            derivative[e] = (scores[2 * e] - scores[2 * e + 1]) / (2 * EPS_INPUT);
        }
        return derivative;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gen4j.engine.pytorch.Critics#both")
    void penaltyGradientMatchesFiniteDifferences(
            String name, BiFunction<NDManager, Long, Discriminator> build) {
        Discriminator critic = build.apply(manager, 21L);
        NDArray x = Critics.batch(manager, critic, 4, 22L);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(Critics.gradientPenalty(route.inputGradient(critic, store, x)));
        }
        Map<String, double[]> analytic = new LinkedHashMap<>();
        Map<String, double[]> numeric = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : critic.block().getParameters()) {
            NDArray array = p.getValue().getArray();
            double[] all = gradientOf(array);
            long size = array.size();
            long[] picks = {0, size / 2, size - 1};
            double[] a = new double[picks.length];
            double[] n = new double[picks.length];
            for (int k = 0; k < picks.length; k++) {
                a[k] = all[Math.toIntExact(picks[k])];
                n[k] = penaltyDerivative(critic, x, array, picks[k]);
            }
            analytic.put(p.getKey(), a);
            numeric.put(p.getKey(), n);
        }
        for (String key : analytic.keySet()) {
            assertClose(key, analytic.get(key), numeric.get(key), 1e-6);
            if (key.endsWith("weight")) {
                // The penalty depends on every weight (its gradient on the biases is zero: the
                // input gradient of a piecewise-linear critic does not depend on them).
                assertThat(maxAbs(analytic.get(key))).as(key).isGreaterThan(1e-4);
            }
        }
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void leavesUnsetParameterGradientsUnset() {
        Discriminator critic = Critics.conv(manager, 31L);
        NDArray x = Critics.batch(manager, critic, 3, 32L);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Critics.gradientPenalty(route.inputGradient(critic, store, x));
        }
        for (Pair<String, Parameter> p : critic.block().getParameters()) {
            PtNDArray parameter = (PtNDArray) p.getValue().getArray();
            assertThat(JniUtils.getGradient(parameter)).as(p.getKey()).isNull();
        }
    }

    @Test
    void leavesExistingParameterGradientsAsFound() {
        Discriminator critic = Critics.conv(manager, 41L);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = Critics.batch(manager, critic, 3, 42L);
            gc.backward(Critics.scores(critic, store, x).sum());
        }
        Map<String, double[]> before = gradients(critic);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = Critics.batch(manager, critic, 3, 43L);
            Critics.gradientPenalty(route.inputGradient(critic, store, x));
        }
        Map<String, double[]> after = gradients(critic);
        for (String key : before.keySet()) {
            assertThat(after.get(key)).as(key).containsExactly(before.get(key));
        }
    }

    @Test
    void laterBackwardSeesOnlyItsOwnGradients() {
        // Twins from one seed: one is asked for an input gradient inside the collector first.
        Discriminator asked = Critics.conv(manager, 51L);
        Discriminator twin = Critics.conv(manager, 51L);
        NDArray x = Critics.batch(manager, asked, 3, 52L);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            route.inputGradient(asked, store, Critics.batch(manager, asked, 3, 53L));
            gc.backward(Critics.scores(asked, store, x).mean());
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(Critics.scores(twin, store, x).mean());
        }
        Map<String, double[]> expected = gradients(twin);
        Map<String, double[]> actual = gradients(asked);
        for (String key : expected.keySet()) {
            assertThat(actual.get(key)).as(key).containsExactly(expected.get(key));
        }
    }

    @Test
    void addsOnlyItsResultToTheBatchManager() {
        Discriminator critic = Critics.conv(manager, 61L);
        try (NDManager step = manager.newSubManager()) {
            NDArray x = Critics.batch(step, critic, 3, 62L);
            int inStep = step.getManagedArrays().size();
            int inAll = manager.getManagedArrays().size();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                route.inputGradient(critic, store, x);
            }
            assertThat(step.getManagedArrays()).hasSize(inStep + 1);
            assertThat(manager.getManagedArrays()).hasSize(inAll + 1);
        }
    }

    @Test
    void refusesABatchOfAnotherShape() {
        Discriminator critic = Critics.conv(manager, 71L);
        NDArray x = Critics.input(manager, new Shape(3, 1, 8, 8), 72L);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThatThrownBy(() -> route.inputGradient(critic, store, x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x must be a batch (N, 2, 8, 8) for this critic, got (3, 1, 8, 8)");
        }
    }

    @Test
    void refusesAnIntegerBatch() {
        Discriminator critic = Critics.mlp(manager, 73L);
        NDArray x = manager.zeros(new Shape(3, 5), DataType.INT32);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThatThrownBy(() -> route.inputGradient(critic, store, x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x must be floating point (float16, float32 or float64) to be"
                            + " differentiated, got int32");
        }
    }

    @Test
    void refusesToRunWithGradientRecordingOff() {
        Discriminator critic = Critics.mlp(manager, 74L);
        NDArray x = Critics.batch(manager, critic, 2, 75L);
        assertThatThrownBy(() -> route.inputGradient(critic, store, x))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the critic's GradientCollector");
    }

    @Test
    void refusesACriticWithBatchNorm() {
        Discriminator critic = Critics.declaredBatchNorm(manager, 76L);
        assertThat(route.unsupportedReason(critic)).contains("BatchNorm");
        NDArray x = Critics.batch(manager, critic, 2, 77L);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThatThrownBy(() -> route.inputGradient(critic, store, x))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageStartingWith("route 'create-graph' cannot compute this critic's"
                            + " input gradient: the critic has BatchNorm");
        }
    }

    @Test
    void servesPlainCriticsOnPyTorch() {
        assertThat(route.name()).isEqualTo("create-graph");
        assertThat(route.unsupportedReason(Critics.mlp(manager, 78L))).isNull();
        assertThat(route.unsupportedReason(Critics.conv(manager, 79L))).isNull();
    }

    @Test
    void isFoundAndPreferredByRouteSelection() {
        assertThat(InputGradientRoutes.names()).contains(CreateGraphRoute.NAME);
        Discriminator critic = Critics.mlp(manager, 81L);
        assertThat(InputGradientRoutes.select(InputGradientRoutes.AUTO, critic, "test"))
                .isInstanceOf(CreateGraphRoute.class);
        assertThat(InputGradientRoutes.select(CreateGraphRoute.NAME, critic, "test"))
                .isInstanceOf(CreateGraphRoute.class);
        Discriminator withBatchNorm = Critics.declaredBatchNorm(manager, 82L);
        assertThatThrownBy(() -> InputGradientRoutes.select(
                        CreateGraphRoute.NAME, withBatchNorm, "regularizer 'wgan-gp'"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("route 'create-graph': the critic has BatchNorm");
    }

    private Map<String, double[]> gradients(Discriminator critic) {
        Map<String, double[]> result = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : critic.block().getParameters()) {
            result.put(p.getKey(), gradientOf(p.getValue().getArray()));
        }
        return result;
    }

    /**
     * A parameter's gradient as doubles. A parameter that the backward pass did not reach (the
     * output bias, for a penalty on input gradients) has none, and DJL then returns float32 zeros.
     */
    private double[] gradientOf(NDArray parameter) {
        NDArray gradient = parameter.getGradient();
        gradient.attach(manager);
        return gradient.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Central difference of the penalty with respect to one entry of a parameter. */
    private double penaltyDerivative(
            Discriminator critic, NDArray x, NDArray parameter, long flat) {
        NDIndex index = new NDIndex(unravel(flat, parameter.getShape()));
        double original;
        try (NDArray entry = parameter.get(index)) {
            original = entry.getDouble();
        }
        parameter.set(index, manager.create(original + EPS));
        double plus = penalty(critic, x);
        parameter.set(index, manager.create(original - EPS));
        double minus = penalty(critic, x);
        parameter.set(index, manager.create(original));
        return (plus - minus) / (2 * EPS);
    }

    private double penalty(Discriminator critic, NDArray x) {
        try (NDManager scratch = manager.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray copy = x.duplicate();
            copy.attach(scratch);
            return Critics.gradientPenalty(route.inputGradient(critic, store, copy)).getDouble();
        }
    }

    private static long[] unravel(long flat, Shape shape) {
        long[] index = new long[shape.dimension()];
        long rest = flat;
        for (int d = shape.dimension() - 1; d >= 0; d--) {
            index[d] = rest % shape.get(d);
            rest /= shape.get(d);
        }
        return index;
    }

    private static void assertClose(String what, double[] actual, double[] expected, double rtol) {
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i])
                    .as("%s, entry %d: analytic %s, finite differences %s",
                            what, i, actual[i], expected[i])
                    .isCloseTo(expected[i], Offset.offset(rtol * Math.abs(expected[i]) + 1e-10));
        }
    }
}
