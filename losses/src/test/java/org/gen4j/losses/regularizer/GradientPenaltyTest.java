package org.gen4j.losses.regularizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.Regularizer;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/**
 * The penalties against closed forms: for a linear critic {@code D(x) = w.x + b} the input
 * gradient is {@code w} at every point, and for {@code D(x) = v.tanh(Wx + c)} it is {@code W^T (v
 * * (1 - tanh^2))}, computed here in double from the same interpolation weights.
 */
class GradientPenaltyTest {

    private static final int N = 6;
    private static final int DIM = 3;

    private static Regularizer create(String name, Map<String, Object> options) {
        var f = GradientPenaltyFactories.all().stream().filter(x -> x.name().equals(name))
                .findFirst().orElseThrow();
        return f.create(new Options("regularizer '" + name + "'", options));
    }

    private record Critic(Discriminator d, ParameterStore ps, SequentialBlock block) {}

    private static Critic linearCritic(NDManager m) {
        SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(1).build());
        b.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(1, DIM));
        return new Critic(Discriminator.of(b, new Shape(DIM), Set.of()), new ParameterStore(m, false), b);
    }

    private static float[] vals(NDManager m, int n, long seed) {
        RandomStream r = new RandomStream(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double[] weights(SequentialBlock b) {
        NDArray w = b.getParameters().get(0).getValue().getArray();
        float[] f = w.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double norm(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The penalty's value and the gradient of the penalty w.r.t. the critic's weight. */
    private static double[] penaltyAndWeightGradient(Regularizer r, Critic c, NDManager m,
            RandomStream random) {
        try (NDManager sm = m.newSubManager()) {
            NDArray real = sm.create(vals(sm, N * DIM, 1), new Shape(N, DIM));
            NDArray fake = sm.create(vals(sm, N * DIM, 2), new Shape(N, DIM));
            CriticContext ctx = new CriticContext(c.d(), c.ps(), real, fake,
                    x -> c.block().forward(c.ps(), new NDList(x), true), random);
            r.checkSupported(ctx);
            double value;
            double[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray p = r.penalty(ctx);
                value = p.getFloat();
                gc.backward(p);
            }
            NDArray g = c.block().getParameters().get(0).getValue().getArray().getGradient();
            g.attach(sm);
            float[] gf = g.toFloatArray();
            grad = new double[gf.length];
            for (int i = 0; i < gf.length; i++) {
                grad[i] = gf[i];
            }
            double[] out = new double[1 + grad.length];
            out[0] = value;
            System.arraycopy(grad, 0, out, 1, grad.length);
            return out;
        }
    }

    @Test
    void wganGpOnALinearCriticIsTheSquaredDistanceOfItsWeightNormFromOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Critic c = linearCritic(m);
            double[] w = weights(c.block());
            double nw = norm(w);
            double[] out = penaltyAndWeightGradient(create("wgan-gp", Map.of()), c, m,
                    new RandomStream(3));
            assertThat(out[0]).isCloseTo((nw - 1) * (nw - 1), offset(1e-5));
            for (int i = 0; i < w.length; i++) {
                assertThat(out[1 + i]).as("d/dw_%d", i)
                        .isCloseTo(2 * (nw - 1) * w[i] / nw, offset(1e-5));
            }
        }
    }

    @Test
    void oneSidedIgnoresNormsBelowTheTargetAndTargetIsAnOption() {
        try (NDManager m = NDManager.newBaseManager()) {
            Critic c = linearCritic(m);
            double nw = norm(weights(c.block()));
            double below = nw * 1.5;
            double[] out = penaltyAndWeightGradient(create("wgan-gp",
                    Map.of("one-sided", true, "target", below)), c, m, new RandomStream(3));
            assertThat(out[0]).isEqualTo(0.0);
            double above = nw / 2;
            out = penaltyAndWeightGradient(create("wgan-gp",
                    Map.of("one-sided", true, "target", above)), c, m, new RandomStream(3));
            assertThat(out[0]).isCloseTo((nw - above) * (nw - above), offset(1e-5));
        }
    }

    @Test
    void r1IsTheSquaredNormAndDraganMatchesWganGpOnALinearCritic() {
        try (NDManager m = NDManager.newBaseManager()) {
            Critic c = linearCritic(m);
            double[] w = weights(c.block());
            double nw = norm(w);
            double[] r1 = penaltyAndWeightGradient(create("r1", Map.of()), c, m, null);
            assertThat(r1[0]).isCloseTo(nw * nw, offset(1e-5));
            for (int i = 0; i < w.length; i++) {
                assertThat(r1[1 + i]).isCloseTo(2 * w[i], offset(1e-5));
            }
            double[] dragan = penaltyAndWeightGradient(create("dragan", Map.of()), c, m,
                    new RandomStream(4));
            assertThat(dragan[0]).isCloseTo((nw - 1) * (nw - 1), offset(1e-5));
        }
    }

    @Test
    void wganGpOnATanhCriticMatchesAScalarComputationAtTheSameInterpolates() {
        int hidden = 4;
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b = new SequentialBlock()
                    .add(Linear.builder().setUnits(hidden).build()).add(Layers.tanh())
                    .add(Linear.builder().setUnits(1).build());
            b.setInitializer(new NormalInitializer(0.7f), Parameter.Type.WEIGHT);
            b.initialize(m, DataType.FLOAT32, new Shape(1, DIM));
            Critic c = new Critic(Discriminator.of(b, new Shape(DIM), Set.of()),
                    new ParameterStore(m, false), b);
            var params = b.getParameters();
            float[] wl = params.get("01Linear_weight").getArray().toFloatArray(); // (hidden, DIM)
            float[] cl = params.get("01Linear_bias").getArray().toFloatArray();
            float[] vl = params.get("03Linear_weight").getArray().toFloatArray(); // (1, hidden)
            float[] real = vals(m, N * DIM, 1);
            float[] fake = vals(m, N * DIM, 2);
            RandomStream eps = new RandomStream(11);
            double expected = 0;
            for (int i = 0; i < N; i++) {
                double e = eps.nextFloat();
                double[] x = new double[DIM];
                for (int j = 0; j < DIM; j++) {
                    x[j] = e * real[i * DIM + j] + (1 - e) * fake[i * DIM + j];
                }
                double[] g = new double[DIM];
                for (int h = 0; h < hidden; h++) {
                    double a = cl[h];
                    for (int j = 0; j < DIM; j++) {
                        a += wl[h * DIM + j] * x[j];
                    }
                    double t = Math.tanh(a);
                    for (int j = 0; j < DIM; j++) {
                        g[j] += vl[h] * (1 - t * t) * wl[h * DIM + j];
                    }
                }
                double n = norm(g) - 1;
                expected += n * n / N;
            }
            double[] out = penaltyAndWeightGradient(create("wgan-gp", Map.of()), c, m,
                    new RandomStream(11));
            assertThat(out[0]).isCloseTo(expected, offset(1e-5 * Math.max(1, expected)));
        }
    }

    @Test
    void aBatchNormCriticIsRefusedWithTheWayOut() {
        try (NDManager m = NDManager.newBaseManager()) {
            Critic c = linearCritic(m);
            Discriminator bn = Discriminator.of(c.block(), new Shape(DIM),
                    EnumSet.of(Discriminator.Trait.BATCH_NORM));
            Regularizer r = create("wgan-gp", Map.of());
            assertThat(r.forbidsBatchNorm()).isTrue();
            assertThatThrownBy(() -> r.checkSupported(
                    new CriticContext(bn, null, null, null, null, null)))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("regularizer 'wgan-gp'")
                    .hasMessageContaining("BatchNorm")
                    .hasMessageContaining("norm=layer");
        }
    }

    @Test
    void optionsAreCheckedAndDefaultWeightsAreThePapers() {
        assertThatThrownBy(() -> create("wgan-gp", Map.of("route", "magic")))
                .hasMessageContaining("route").hasMessageContaining("magic");
        assertThatThrownBy(() -> create("r1", Map.of("target", 1)))
                .hasMessageContaining("target");
        var all = GradientPenaltyFactories.all();
        assertThat(all).extracting(f -> f.name() + "=" + f.defaultWeight())
                .containsExactly("wgan-gp=10.0", "dragan=10.0", "r1=5.0");
    }
}
