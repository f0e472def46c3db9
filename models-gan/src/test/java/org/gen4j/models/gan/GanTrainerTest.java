package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gen4j.models.gan.GanFixtures.REGISTRY;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.NonFiniteLossException;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.TrainerState;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gan procedure on a small MLP GAN over 2D points: the loop, memory, and exact resume. */
class GanTrainerTest {

    private static final int BATCH = 32;
    private static final Shape POINT = new Shape(2);

    private static RunSpec spec(Registry registry, String loss, int nCritic, long seed) {
        return RunSpec.builder().setModel("mlp-gan").optBatchSize(BATCH).optSteps(1000)
                .optSeed(seed).opt("latent-size", 8).opt("loss", loss).opt("n-critic", nCritic)
                .optOptimizer("generator", OptimizerSpec.dcganAdam().withLr(1e-3))
                .build(registry);
    }

    private static ProcedureTrainer trainer(RunSpec spec, NDManager m) {
        return GanFixtures.trainer(REGISTRY, spec, POINT, m);
    }

    @Test
    void trainsWithFiniteLossesAndChangesParameters() {
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(REGISTRY, "minimax", 2, 7), m)) {
            List<float[]> before = t.parameterValues();
            GanFixtures.Ring ring = new GanFixtures.Ring(BATCH);
            for (int i = 0; i < 20; i++) {
                var r = t.step(ring);
                assertThat(r.value("loss_d")).isFinite();
                assertThat(r.value("loss_g")).isFinite();
                assertThat(r.value("penalty")).isZero();
            }
            assertThat(t.stepCount()).isEqualTo(20);
            assertThat(ring.next).as("n-critic 2 reads two real batches a step").isEqualTo(40);
            List<float[]> after = t.parameterValues();
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d changed", i).isNotEqualTo(before.get(i));
            }
        }
    }

    @Test
    void stepReleasesItsArrays() {
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(REGISTRY, "minimax", 1, 3), m)) {
            GanFixtures.Ring ring = new GanFixtures.Ring(BATCH);
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
                ProcedureTrainer t = trainer(spec(REGISTRY, "minimax", 1, 11), m)) {
            GanFixtures.Ring ring = new GanFixtures.Ring(BATCH);
            for (int i = 0; i < n; i++) {
                t.step(ring);
            }
            straight = t.parameterValues();
        }
        long consumed;
        TrainerState saved;
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(REGISTRY, "minimax", 1, 11), m)) {
            GanFixtures.Ring ring = new GanFixtures.Ring(BATCH);
            for (int i = 0; i < n / 2; i++) {
                t.step(ring);
            }
            saved = t.save(dir);
            consumed = ring.next;
        }
        // A fresh trainer built with another seed, so nothing but the checkpoint can make it equal.
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(REGISTRY, "minimax", 1, 99), m)) {
            t.restore(dir, saved);
            GanFixtures.Ring ring = new GanFixtures.Ring(BATCH);
            ring.next = consumed;
            for (int i = 0; i < n / 2; i++) {
                t.step(ring);
            }
            assertThat(t.stepCount()).isEqualTo(n);
            List<float[]> resumed = t.parameterValues();
            for (int i = 0; i < straight.size(); i++) {
                assertThat(resumed.get(i)).as("parameter %d bitwise equal", i)
                        .isEqualTo(straight.get(i));
            }
        }
    }

    /** A loss of the test's own, registered like any plugin's. */
    private static GanLossFactory exploding() {
        return new GanLossFactory() {
            @Override
            public String name() {
                return "exploding";
            }

            @Override
            public String description() {
                return "NaN";
            }

            @Override
            public GanLoss create(Options options) {
                return new GanLoss() {
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
            }
        };
    }

    @Test
    void nonFiniteLossStopsWithTheStep() {
        Registry registry = GanFixtures.registry(b -> GenBindings.addLoss(b, exploding()));
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = GanFixtures.trainer(registry,
                        spec(registry, "exploding", 1, 5), POINT, m)) {
            assertThatThrownBy(() -> t.step(new GanFixtures.Ring(BATCH)))
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
                ProcedureTrainer t = trainer(spec(REGISTRY, "minimax", 1, 21), m)) {
            GanFixtures.Ring ring = new GanFixtures.Ring(BATCH);
            for (int i = 0; i < 3; i++) {
                t.step(ring);
                for (Pair<String, Parameter> p : t.network("discriminator").getParameters()) {
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
