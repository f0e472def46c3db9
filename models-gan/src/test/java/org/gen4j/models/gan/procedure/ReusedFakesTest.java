package org.gen4j.models.gan.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.Batches;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.util.Options;
import org.gen4j.models.gan.GanFixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code reuse-fakes}: the generator update back-propagates through the fakes its network
 * recorded in the critic update. Checked against the same step written out with a second
 * generator pass on the same noise, which must reach the same weights: the generator's BatchNorm
 * normalises with the batch's own statistics in both passes, so its outputs and gradients are
 * the same, only its running statistics move twice.
 */
class ReusedFakesTest {

    private static final Shape SAMPLE = new Shape(1, 28, 28);
    private static final int BATCH = 8;
    private static final int STEPS = 3;

    @Test
    void reusedFakesGiveTheWeightsOfASecondPassOnTheSameNoise() {
        RunSpec spec = GanFixtures.spec(GanFixtures.REGISTRY, "dcgan", BATCH, "seed", 5,
                "model-options", Map.of("width", 16), "reuse-fakes", true);
        DataInfo data = DataInfo.unlabelled(SAMPLE, "uniform images");
        float[] real = new float[BATCH * 28 * 28];
        RandomStream r = new RandomStream(9);
        for (int i = 0; i < real.length; i++) {
            real[i] = r.nextFloat() * 2 - 1;
        }
        Batches batches = GanFixtures.fixed(real, null, SAMPLE);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer reusing = ProcedureTrainer.create(spec, GanFixtures.REGISTRY,
                        data, STEPS, m);
                ProcedureTrainer twoPass = ProcedureTrainer.create(new TwoPasses(
                        ProcedureTrainer.buildProcedure(spec, GanFixtures.REGISTRY, data)),
                        spec, GanFixtures.REGISTRY, data, STEPS, m)) {
            List<float[]> start = reusing.parameterValues();
            assertThat(twoPass.parameterValues()).usingRecursiveComparison().isEqualTo(start);
            for (int s = 0; s < STEPS; s++) {
                float lossG = reusing.step(batches).value("loss_g");
                float expected = twoPass.step(batches).value("loss_g");
                assertThat(lossG).as("loss_g of step %d", s + 1)
                        .isCloseTo(expected, offset(1e-4f));
            }
            List<float[]> a = reusing.parameterValues();
            List<float[]> b = twoPass.parameterValues();
            int changedGenerator = 0;
            int generatorParameters = reusing.network(AlternatingGanStep.GENERATOR)
                    .getParameters().size();
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).length).isEqualTo(b.get(i).length);
                for (int j = 0; j < a.get(i).length; j++) {
                    assertThat(a.get(i)[j]).as("parameter %d value %d", i, j)
                            .isCloseTo(b.get(i)[j], offset(
                                    1e-5f + 1e-4f * Math.abs(b.get(i)[j])));
                }
                if (i < generatorParameters && !Arrays.equals(a.get(i),
                        start.get(i))) {
                    changedGenerator++;
                }
            }
            // The generator really learned through the reused fakes.
            assertThat(changedGenerator).isGreaterThan(0);
        }
    }

    /** The DCGAN step with the generator run again, on the same noise, for its update. */
    private static final class TwoPasses implements TrainingProcedure {
        private final TrainingProcedure gan;
        private final GanLoss loss = GanFixtures.REGISTRY.loss("non-saturating")
                .create(new Options("loss 'non-saturating'", Map.of()));

        TwoPasses(TrainingProcedure gan) {
            this.gan = gan;
        }

        @Override
        public List<Network> networks() {
            return gan.networks();
        }

        @Override
        public List<String> metrics() {
            return List.of("loss_d", "loss_g");
        }

        @Override
        public StepOutcome step(StepContext c) {
            NDArray x = c.nextBatch().images();
            NDArray z = c.gaussian("noise", new Shape(BATCH, 100));
            NDArray lossD = c.update(() -> {
                NDArray fake = generate(c, z).stopGradient();
                return loss.discriminatorLoss(critic(c, x), critic(c, fake));
            }, AlternatingGanStep.DISCRIMINATOR);
            NDArray lossG = c.update(() -> loss.generatorLoss(critic(c, generate(c, z)), null),
                    AlternatingGanStep.GENERATOR);
            return StepOutcome.of(lossD, lossG);
        }

        private static NDArray generate(StepContext c, NDArray z) {
            return c.forward(AlternatingGanStep.GENERATOR, new NDList(z)).singletonOrThrow();
        }

        private static NDArray critic(StepContext c, NDArray images) {
            return c.forward(AlternatingGanStep.DISCRIMINATOR, new NDList(images)).head();
        }

        @Override
        public NDArray sample(SampleContext context, SampleRequest request) {
            return gan.sample(context, request);
        }
    }
}
