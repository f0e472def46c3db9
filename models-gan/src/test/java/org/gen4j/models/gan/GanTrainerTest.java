package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.train.GanSetup;
import org.gen4j.core.train.GanTrainer;
import org.gen4j.core.train.NonFiniteLossException;
import org.gen4j.core.train.RealBatches;
import org.gen4j.core.util.Options;
import org.gen4j.losses.adversarial.StandardGanLoss;
import org.gen4j.models.gan.mlp.MlpGan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GAN trainer on a small MLP GAN over 2D points: the loop, memory, and exact resume. */
class GanTrainerTest {

    private static final int BATCH = 32;

    private static GanSetup setup(GanLoss loss, int nCritic, long seed) {
        NetworkSpec spec = new NetworkSpec(new Shape(2), 8, Options.empty("model 'mlp-gan'"));
        NetworkSpec dspec = new NetworkSpec(new Shape(2), 8, Options.empty("model 'mlp-gan'"));
        return new GanSetup(MlpGan.generator(spec), MlpGan.discriminator(dspec), loss, List.of(),
                nCritic, BATCH, OptimizerSpec.dcganAdam().withLr(1e-3), OptimizerSpec.dcganAdam(),
                seed, 0.02f);
    }

    /** Deterministic real batches: points on an 8-mode ring, batch k depends only on k. */
    private static final class Ring implements RealBatches {
        long next;

        @Override
        public float[] next() {
            RandomStream r = new RandomStream(1000 + next++);
            float[] b = new float[BATCH * 2];
            for (int i = 0; i < BATCH; i++) {
                double a = 2 * Math.PI * r.nextInt(8) / 8;
                b[2 * i] = (float) (2 * Math.cos(a) + 0.02 * r.nextGaussian());
                b[2 * i + 1] = (float) (2 * Math.sin(a) + 0.02 * r.nextGaussian());
            }
            return b;
        }
    }

    private static List<float[]> snapshot(GanTrainer t) {
        List<float[]> all = new ArrayList<>();
        for (var block : List.of(t.generator().block(), t.discriminator().block())) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                all.add(p.getValue().getArray().toFloatArray());
            }
        }
        return all;
    }

    @Test
    void trainsWithFiniteLossesAndChangesParameters() {
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(new StandardGanLoss(false), 2, 7), m)) {
            List<float[]> before = snapshot(t);
            Ring ring = new Ring();
            for (int i = 0; i < 20; i++) {
                var r = t.step(ring);
                assertThat(r.lossD()).isFinite();
                assertThat(r.lossG()).isFinite();
            }
            assertThat(t.stepCount()).isEqualTo(20);
            assertThat(ring.next).as("n-critic 2 reads two real batches a step").isEqualTo(40);
            List<float[]> after = snapshot(t);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d changed", i).isNotEqualTo(before.get(i));
            }
        }
    }

    @Test
    void stepReleasesItsArrays() {
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(new StandardGanLoss(false), 1, 3), m)) {
            Ring ring = new Ring();
            for (int i = 0; i < 5; i++) {
                t.step(ring);
            }
            int warm = t.manager().getManagedArrays().size();
            int base = m.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                t.step(ring);
            }
            assertThat(t.manager().getManagedArrays()).hasSize(warm);
            assertThat(m.getManagedArrays()).hasSize(base);
        }
    }

    @Test
    void resumeIsExact(@TempDir Path dir) throws Exception {
        int n = 16;
        List<float[]> straight;
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(new StandardGanLoss(false), 1, 11), m)) {
            Ring ring = new Ring();
            for (int i = 0; i < n; i++) {
                t.step(ring);
            }
            straight = snapshot(t);
        }
        long consumed;
        RandomStream.State noise;
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(new StandardGanLoss(false), 1, 11), m)) {
            Ring ring = new Ring();
            for (int i = 0; i < n / 2; i++) {
                t.step(ring);
            }
            t.saveWeights(dir);
            consumed = ring.next;
            noise = t.noiseState();
        }
        // A fresh trainer built with another seed, so nothing but the checkpoint can make it equal.
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(new StandardGanLoss(false), 1, 99), m)) {
            t.restore(dir, n / 2, noise);
            Ring ring = new Ring();
            ring.next = consumed;
            for (int i = 0; i < n / 2; i++) {
                t.step(ring);
            }
            assertThat(t.stepCount()).isEqualTo(n);
            List<float[]> resumed = snapshot(t);
            for (int i = 0; i < straight.size(); i++) {
                assertThat(resumed.get(i)).as("parameter %d bitwise equal", i)
                        .isEqualTo(straight.get(i));
            }
        }
    }

    @Test
    void nonFiniteLossStopsWithTheStep() {
        GanLoss exploding = new GanLoss() {
            @Override
            public String name() {
                return "exploding";
            }

            @Override
            public NDArray discriminatorLoss(NDArray real, NDArray fake) {
                return real.mean().mul(0f).add(Float.NaN);
            }

            @Override
            public NDArray generatorLoss(NDArray fake, NDArray real) {
                return fake.mean();
            }
        };
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(exploding, 1, 5), m)) {
            assertThatThrownBy(() -> t.step(new Ring()))
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("loss_d")
                    .hasMessageContaining("step 1");
        }
    }

    @Test
    void generatorUpdateLeavesNoGradientInTheDiscriminator() {
        // The generator's backward runs through D. Were D not frozen then, its gradients would be
        // overwritten (MXNet) or accumulated (PyTorch) and reach D's next update.
        try (NDManager m = NDManager.newBaseManager();
                GanTrainer t = new GanTrainer(setup(new StandardGanLoss(false), 1, 21), m)) {
            Ring ring = new Ring();
            for (int i = 0; i < 3; i++) {
                t.step(ring);
                for (Pair<String, Parameter> p : t.discriminator().block().getParameters()) {
                    NDArray w = p.getValue().getArray();
                    assertThat(p.getValue().requiresGradient()).as("%s unfrozen", p.getKey())
                            .isTrue();
                    assertThat(w.getGradient().abs().max().getFloat())
                            .as("gradient of %s after step %d", p.getKey(), i + 1)
                            .isZero();
                }
            }
        }
    }
}
