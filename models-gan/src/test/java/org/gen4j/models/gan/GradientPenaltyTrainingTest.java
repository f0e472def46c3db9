package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.Regularizer;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.train.GanSetup;
import org.gen4j.core.train.GanTrainer;
import org.gen4j.core.train.StepResult;
import org.gen4j.core.train.WeightedRegularizer;
import org.gen4j.core.util.Options;
import org.gen4j.losses.adversarial.StandardGanLoss;
import org.gen4j.models.gan.dcgan.Dcgan;
import org.gen4j.models.gan.mlp.MlpGan;
import org.junit.jupiter.api.Test;

/**
 * Training with a gradient penalty through the input-gradient route the engine offers for the
 * critic (on MXNet: vjp): the penalty is finite and positive, it reaches the critic's parameters,
 * and steps leave nothing behind in any manager.
 */
class GradientPenaltyTrainingTest {

    /**
     * The WGAN-GP penalty {@code mean_i (||grad D(x_i)|| - 1)^2} on points between real and fake
     * samples, written against the public route contract only.
     */
    private static final class Wgangp implements Regularizer {
        private final RandomStream alphas = new RandomStream(99);
        private InputGradientRoute route;

        @Override
        public String name() {
            return "test-wgan-gp";
        }

        @Override
        public boolean forbidsBatchNorm() {
            return true;
        }

        @Override
        public NDArray penalty(CriticContext c) {
            if (route == null) {
                route = InputGradientRoutes.select("auto", c.discriminator(), "regularizer");
            }
            NDArray real = c.real();
            long n = real.getShape().get(0);
            float[] a = new float[Math.toIntExact(n)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) alphas.nextDouble();
            }
            long[] dims = new long[real.getShape().dimension()];
            Arrays.fill(dims, 1);
            dims[0] = n;
            NDArray alpha = real.getManager().create(a, new Shape(dims));
            NDArray between = real.add(c.fake().sub(real).mul(alpha));
            NDArray g = route.inputGradient(c.discriminator(), c.parameterStore(), between);
            return g.reshape(n, -1).square().sum(new int[] {1}).sqrt().sub(1).square().mean();
        }
    }

    private static float[] snapshot(Discriminator d) {
        List<Float> all = new ArrayList<>();
        for (Pair<String, Parameter> p : d.block().getParameters()) {
            for (float f : p.getValue().getArray().toFloatArray()) {
                all.add(f);
            }
        }
        float[] v = new float[all.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = all.get(i);
        }
        return v;
    }

    private static void trainAndCheck(Generator g, Discriminator d, int batch, float[] real) {
        GanSetup setup = new GanSetup(g, d, new StandardGanLoss(false),
                List.of(new WeightedRegularizer(new Wgangp(), 10)), 1, batch,
                OptimizerSpec.dcganAdam(), OptimizerSpec.dcganAdam(), 5, 0.02f);
        try (NDManager m = NDManager.newBaseManager(); GanTrainer t = new GanTrainer(setup, m)) {
            float[] before = snapshot(d);
            int warm = -1;
            int base = -1;
            for (int i = 0; i < 8; i++) {
                if (i == 2) {
                    warm = t.manager().getManagedArrays().size();
                    base = m.getManagedArrays().size();
                }
                StepResult r = t.step(() -> real);
                assertThat(r.penalty()).as("penalty at step %d", i + 1).isFinite().isPositive();
                assertThat(r.lossD()).isFinite();
            }
            assertThat(t.manager().getManagedArrays()).hasSize(warm);
            assertThat(m.getManagedArrays()).hasSize(base);
            assertThat(snapshot(d)).isNotEqualTo(before);
        }
    }

    @Test
    void mlpGanOnPointsTrainsWithThePenalty() {
        NetworkSpec spec = new NetworkSpec(new Shape(2), 8, Options.empty("model"), false);
        float[] real = new float[16 * 2];
        RandomStream r = new RandomStream(1);
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) r.nextGaussian();
        }
        trainAndCheck(MlpGan.generator(spec), MlpGan.discriminator(spec), 16, real);
    }

    @Test
    void dcganWithItsPenaltyDefaultTrainsWithThePenalty() {
        // A penalised run: the critic gets layer norm instead of BatchNorm by default.
        NetworkSpec spec = new NetworkSpec(new Shape(1, 28, 28), 8,
                new Options("model 'dcgan'", Map.of("width", 4)), false);
        float[] real = new float[4 * 28 * 28];
        RandomStream r = new RandomStream(2);
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) Math.tanh(r.nextGaussian());
        }
        trainAndCheck(Dcgan.generator(spec), Dcgan.discriminator(spec), 4, real);
    }
}
