package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gen4j.core.grad.InputGradientRoute;
import org.gen4j.core.grad.InputGradientRoutes;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.Regularizer;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.StepResult;
import org.gen4j.core.util.Options;
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

    private static RegularizerFactory factory() {
        return new RegularizerFactory() {
            @Override
            public String name() {
                return "test-wgan-gp";
            }

            @Override
            public String description() {
                return "WGAN-GP written against the public route contract only";
            }

            @Override
            public Regularizer create(Options options) {
                options.checkAllUsed();
                return new Wgangp();
            }
        };
    }

    private static void trainAndCheck(String model, Shape sample, int batch, float[] real,
            Map<String, Object> modelOptions) {
        Registry registry = GanFixtures.registry(b -> GenBindings.addRegularizer(b, factory()));
        RunSpec spec = RunSpec.builder().setModel(model).optBatchSize(batch).optSteps(100)
                .optSeed(5).optModelOptions(modelOptions).opt("latent-size", 8)
                .opt("loss", "minimax")
                .opt("regularizers", List.of(GanFixtures.regularizer("test-wgan-gp", 10)))
                .build(registry);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = GanFixtures.trainer(registry, spec, sample, m)) {
            List<float[]> before = GanFixtures.values(t.network("discriminator"));
            int warm = -1;
            int base = -1;
            var batches = GanFixtures.fixed(real, null, sample);
            for (int i = 0; i < 8; i++) {
                if (i == 2) {
                    warm = t.manager().getManagedArrays().size();
                    base = m.getManagedArrays().size();
                }
                StepResult r = t.step(batches);
                assertThat(r.value("penalty")).as("penalty at step %d", i + 1).isFinite()
                        .isPositive();
                assertThat(r.value("loss_d")).isFinite();
            }
            assertThat(t.manager().getManagedArrays()).hasSize(warm);
            assertThat(m.getManagedArrays()).hasSize(base);
            assertThat(GanFixtures.values(t.network("discriminator")))
                    .isNotEqualTo(before);
        }
    }

    @Test
    void mlpGanOnPointsTrainsWithThePenalty() {
        float[] real = new float[16 * 2];
        RandomStream r = new RandomStream(1);
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) r.nextGaussian();
        }
        trainAndCheck("mlp-gan", new Shape(2), 16, real, Map.of());
    }

    @Test
    void dcganWithItsPenaltyDefaultTrainsWithThePenalty() {
        // A penalised run: the critic gets layer norm instead of BatchNorm by default.
        float[] real = new float[4 * 28 * 28];
        RandomStream r = new RandomStream(2);
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) Math.tanh(r.nextGaussian());
        }
        trainAndCheck("dcgan", new Shape(1, 28, 28), 4, real, Map.of("width", 4));
    }
}
