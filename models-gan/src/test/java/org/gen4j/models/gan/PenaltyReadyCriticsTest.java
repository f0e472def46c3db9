package org.gen4j.models.gan;

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
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.grad.VjpRoute;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.util.Options;
import org.gen4j.models.gan.dcgan.Dcgan;
import org.gen4j.models.gan.mlp.MlpGan;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped critics can carry a gradient penalty on any engine: the vjp route serves them, its
 * input gradient is the engine's own, and the penalty's parameter gradient matches finite
 * differences on the DCGAN critic itself.
 */
class PenaltyReadyCriticsTest {

    @BaseManager private NDManager manager;
    private final VjpRoute route = new VjpRoute();

    private static NetworkSpec spec(Shape sample, Map<String, Object> options) {
        // batchNormAllowed false: what a run with a gradient penalty asks for.
        return new NetworkSpec(sample, 8, new Options("model", options), false);
    }

    static Stream<Arguments> critics() {
        return Stream.of(
                Arguments.of("mlp-gan points",
                        MlpGan.discriminator(spec(new Shape(2), Map.of("width", 16)))),
                Arguments.of("mlp-gan images",
                        MlpGan.discriminator(spec(new Shape(1, 6, 6), Map.of("width", 16)))),
                Arguments.of("dcgan 28 default (layer)",
                        Dcgan.discriminator(spec(new Shape(1, 28, 28), Map.of("width", 4)))),
                Arguments.of("dcgan 28 none", Dcgan.discriminator(
                        spec(new Shape(1, 28, 28), Map.of("width", 4, "norm", "none")))),
                Arguments.of("dcgan 64 RGB default (layer)",
                        Dcgan.discriminator(spec(new Shape(3, 64, 64), Map.of("width", 2)))));
    }

    /** Initialises every parameter with seeded values of a size that makes gradients large. */
    private void initialize(Discriminator d, DataType type, long seed) {
        d.block().initialize(manager, type, new Shape(1).addAll(d.inputShape()));
        Random r = new Random(seed);
        for (Pair<String, Parameter> p : d.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            double std = s.dimension() > 1 ? 1.5 / Math.sqrt(s.slice(1).size()) : 0.3;
            double mean = p.getValue().getType() == Parameter.Type.GAMMA ? 1 : 0;
            double[] v = new double[Math.toIntExact(s.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = mean + std * r.nextGaussian();
            }
            try (NDArray values = manager.create(v, s)) {
                // A float32 array takes only float values: convert, then copy in place.
                values.toType(a.getDataType(), false).copyTo(a);
            }
        }
    }

    private NDArray input(Discriminator d, int n, DataType type, long seed) {
        Random r = new Random(seed);
        Shape shape = new Shape(n).addAll(d.inputShape());
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return manager.create(v, shape).toType(type, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("critics")
    void vjpInputGradientIsTheEnginesOwn(String name, Discriminator d) {
        assertThat(route.unsupportedReason(d)).isNull();
        assertThat(InputGradientRoutes.select("auto", d, name).unsupportedReason(d)).isNull();
        initialize(d, DataType.FLOAT32, 1);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = input(d, 3, DataType.FLOAT32, 2);
        NDArray g = route.inputGradient(d, ps, x);

        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(d.block().forward(ps, new NDList(leaf), true).singletonOrThrow().sum());
        }
        NDArray expected = leaf.getGradient();
        double scale = expected.abs().max().getFloat();
        assertThat(scale).as("the check is not vacuous").isGreaterThan(1e-3);
        // Float32: the two compute the same sums in another order.
        NDAssert.assertAllClose(g, expected, 1e-4, 1e-5 * scale);
    }

    private static NDArray penalty(NDArray g) {
        long n = g.getShape().get(0);
        return g.reshape(n, -1).square().sum(new int[] {1}).sqrt().sub(1).square().mean();
    }

    private double penaltyValue(Discriminator d, ParameterStore ps, NDArray x) {
        try (NDManager step = manager.newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(step);
            return penalty(route.inputGradient(d, ps, xs)).toDoubleArray()[0];
        }
    }

    /**
     * The WGAN-GP penalty's parameter gradient on the shipped 28x28 DCGAN critic with layer norm
     * (what a penalised run builds), by one first-order backward, against central differences in
     * float64, on three entries of every parameter.
     */
    @Test
    void dcganPenaltyParameterGradientMatchesFiniteDifferences() {
        Discriminator d = Dcgan.discriminator(spec(new Shape(1, 28, 28), Map.of("width", 2)));
        initialize(d, DataType.FLOAT64, 3);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = input(d, 2, DataType.FLOAT64, 4);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(penalty(route.inputGradient(d, ps, x)));
        }
        double h = 1e-5;
        Random r = new Random(5);
        for (Pair<String, Parameter> p : d.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            double[] grad = a.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            double[] original = a.toDoubleArray();
            for (int j : new int[] {0, original.length - 1, r.nextInt(original.length)}) {
                double[] v = original.clone();
                v[j] = original[j] + h;
                a.set(v);
                double plus = penaltyValue(d, ps, x);
                v[j] = original[j] - h;
                a.set(v);
                double minus = penaltyValue(d, ps, x);
                a.set(original);
                double fd = (plus - minus) / (2 * h);
                assertThat(grad[j]).as("dP/d%s[%d]", p.getKey(), j)
                        .isCloseTo(fd, within(1e-9 + 1e-6 * Math.abs(fd)));
            }
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                assertThat(Stream.of(grad).flatMapToDouble(java.util.Arrays::stream)
                                .map(Math::abs).max().orElse(0))
                        .as("dP/d%s is not all zero", p.getKey()).isGreaterThan(1e-6);
            }
        }
    }
}
