package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.grad.VjpRoute;
import org.gen4j.core.model.Discriminator;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two routes agree on PyTorch: the create-graph backward and the forward-op VJPs give the same
 * input gradient and the same penalty parameter gradient, in float64, on the MLP and conv critics.
 */
class RouteAgreementTest {

    @BaseManager private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void open() {
        store = new ParameterStore(manager, false);
    }

    @Test
    void bothRoutesAreOnTheClassPathAndAutoPrefersCreateGraph() {
        assertThat(InputGradientRoutes.names()).containsExactly("create-graph", "vjp");
        Discriminator critic = Critics.mlp(manager, 1L);
        assertThat(InputGradientRoutes.select("auto", critic, "test").name())
                .isEqualTo("create-graph");
        assertThat(InputGradientRoutes.select("vjp", critic, "test").name()).isEqualTo("vjp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gen4j.engine.pytorch.Critics#both")
    void inputGradientsAgree(String name, BiFunction<NDManager, Long, Discriminator> build) {
        Discriminator critic = build.apply(manager, 81L);
        NDArray x = Critics.batch(manager, critic, 4, 82L);
        NDArray a;
        NDArray b;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            a = new CreateGraphRoute().inputGradient(critic, store, x);
            b = new VjpRoute().inputGradient(critic, store, x);
        }
        assertThat(a.getShape()).isEqualTo(x.getShape());
        NDAssert.assertAllClose(a, b.toDoubleArray(), x.getShape(), 1e-10, 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gen4j.engine.pytorch.Critics#both")
    void penaltyParameterGradientsAgree(String name,
            BiFunction<NDManager, Long, Discriminator> build) {
        // Twins from one seed, one per route.
        Discriminator viaGraph = build.apply(manager, 91L);
        Discriminator viaVjp = build.apply(manager, 91L);
        NDArray x = Critics.batch(manager, viaGraph, 4, 92L);
        List<double[]> graph = penaltyGradients(new CreateGraphRoute(), viaGraph, x);
        List<double[]> vjp = penaltyGradients(new VjpRoute(), viaVjp, x);
        assertThat(graph).hasSameSizeAs(vjp);
        boolean anyNonZero = false;
        for (int p = 0; p < graph.size(); p++) {
            double[] g = graph.get(p);
            double[] v = vjp.get(p);
            assertThat(v).hasSameSizeAs(g);
            for (int i = 0; i < g.length; i++) {
                assertThat(Math.abs(g[i] - v[i])).as("parameter %d entry %d", p, i)
                        .isLessThanOrEqualTo(1e-9 * Math.abs(g[i]) + 1e-12);
                anyNonZero |= Math.abs(g[i]) > 1e-6;
            }
        }
        assertThat(anyNonZero).as("the penalty reaches the weights").isTrue();
    }

    private List<double[]> penaltyGradients(InputGradientRoute route, Discriminator critic,
            NDArray x) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(Critics.gradientPenalty(route.inputGradient(critic, store, x)));
        }
        List<double[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : critic.block().getParameters()) {
            // A parameter the backward never reached (a bias, here) reads as float32 zeros.
            try (NDArray g = p.getValue().getArray().getGradient();
                    NDArray d = g.toType(ai.djl.ndarray.types.DataType.FLOAT64, true)) {
                out.add(d.toDoubleArray());
            }
        }
        return out;
    }
}
