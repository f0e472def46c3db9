package org.gen4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer of every procedure, on the core's toy autoencoder: loop, memory, exact resume. */
class ProcedureTrainerTest {

    private static final Registry REGISTRY = Gen4j.registry();
    private static final int BATCH = 16;
    private static final Shape SAMPLE = new Shape(3);
    private static final DataInfo DATA = DataInfo.unlabelled(SAMPLE, "toy points");

    private static RunSpec spec(long seed, Object... keyValues) {
        var b = RunSpec.builder().setModel("toy").optSeed(seed).optSteps(100)
                .optBatchSize(BATCH);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.opt((String) keyValues[i], keyValues[i + 1]);
        }
        return b.build(REGISTRY);
    }

    /** Deterministic batches: batch k depends only on k. */
    private static final class Points implements Batches {
        long next;

        @Override
        public BatchLoader.Batch next() {
            RandomStream r = new RandomStream(1000 + next++);
            float[] b = new float[BATCH * 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (i % 3 + 0.3 * r.nextGaussian());
            }
            return new BatchLoader.Batch(0, 0, b, null, new int[BATCH], new Shape(BATCH, 3));
        }
    }

    private static ProcedureTrainer trainer(RunSpec spec, NDManager m) {
        return ProcedureTrainer.create(spec, REGISTRY, DATA, spec.steps(), m);
    }

    @Test
    void trainsBothNetworksOfOneUpdateAndReportsItsValues() {
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(7), m)) {
            List<float[]> before = t.parameterValues();
            Points data = new Points();
            StepResult first = t.step(data);
            for (int i = 0; i < 59; i++) {
                t.step(data);
            }
            StepResult last = t.step(data);
            assertThat(first.names()).containsExactly("loss", "seen");
            assertThat(last.value("seen")).isEqualTo(61f);
            assertThat(last.value("loss")).isLessThan(first.value("loss") / 2);
            assertThat(t.stepCount()).isEqualTo(61);
            List<float[]> after = t.parameterValues();
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).as("parameter %d changed", i).isNotEqualTo(before.get(i));
            }
            assertThatThrownBy(() -> last.value("penalty"))
                    .hasMessage("no metric 'penalty'; the step reports [loss, seen]");
        }
    }

    @Test
    void aStepReleasesItsArrays() {
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(3), m)) {
            Points data = new Points();
            for (int i = 0; i < 5; i++) {
                t.step(data);
            }
            int warm = t.manager().getManagedArrays().size();
            int base = m.getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                t.step(data);
            }
            assertThat(t.manager().getManagedArrays()).hasSize(warm);
            assertThat(m.getManagedArrays()).hasSize(base);
        }
    }

    @Test
    void resumeIsExactIncludingStreamsAndTheProceduresState(@TempDir Path dir) throws Exception {
        int n = 16;
        List<float[]> straight;
        float[] straightMean;
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(11), m)) {
            Points data = new Points();
            for (int i = 0; i < n; i++) {
                t.step(data);
            }
            straight = t.parameterValues();
            straightMean = ((org.gen4j.core.toy.ToyAccess) () -> t.procedure()).runningMean();
        }
        TrainerState saved;
        long consumed;
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(11), m)) {
            Points data = new Points();
            for (int i = 0; i < n / 2; i++) {
                t.step(data);
            }
            saved = t.save(dir);
            consumed = data.next;
        }
        assertThat(saved.streams()).containsOnlyKeys("noise");
        assertThat(saved.networks()).containsOnlyKeys("encoder", "decoder");
        assertThat(saved.stateFiles()).containsOnlyKeys("running-mean");
        assertThat(saved.procedureState().get("seen").asLong()).isEqualTo(n / 2);
        // A fresh trainer built with another seed: only the checkpoint can make it equal.
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(99), m)) {
            t.restore(dir, saved);
            Points data = new Points();
            data.next = consumed;
            StepResult r = null;
            for (int i = 0; i < n / 2; i++) {
                r = t.step(data);
            }
            assertThat(r.value("seen")).isEqualTo((float) n);
            assertThat(t.stepCount()).isEqualTo(n);
            List<float[]> resumed = t.parameterValues();
            for (int i = 0; i < straight.size(); i++) {
                assertThat(resumed.get(i)).as("parameter %d bitwise equal", i)
                        .isEqualTo(straight.get(i));
            }
            assertThat(((org.gen4j.core.toy.ToyAccess) () -> t.procedure()).runningMean())
                    .isEqualTo(straightMean);
        }
    }

    @Test
    void aNonFiniteValueStopsWithItsNameAndStep() {
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(5, "explode-at", 3.0), m)) {
            Points data = new Points();
            t.step(data);
            t.step(data);
            assertThatThrownBy(() -> t.step(data))
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("Loss loss became NaN at step 3");
        }
    }

    @Test
    void samplesAreTheSameInChunksAsAtOnceAndGoToTheCallersManager() {
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec(5), m);
                NDManager caller = NDManager.newBaseManager()) {
            NDArray all = t.sample(caller, SampleRequest.of(6, new RandomStream(3)));
            assertThat(all.getManager()).isSameAs(caller);
            assertThat(all.getShape()).isEqualTo(new Shape(6, 3));
            RandomStream r = new RandomStream(3);
            float[] a = t.sample(caller, SampleRequest.of(2, r)).toFloatArray();
            float[] b = t.sample(caller, SampleRequest.of(4, r)).toFloatArray();
            float[] joined = new float[18];
            System.arraycopy(a, 0, joined, 0, 6);
            System.arraycopy(b, 0, joined, 6, 12);
            assertThat(joined).isEqualTo(all.toFloatArray());
        }
    }

    @Test
    void theScheduleScalesTheLearningRateOfEveryNetwork() {
        // With a step schedule of factor 0 after the first update, nothing moves any more.
        RunSpec spec = RunSpec.builder().setModel("toy").optSteps(10).optBatchSize(BATCH)
                .optSchedule(org.gen4j.core.optim.ScheduleSpec.of("step", "every", 1, "gamma",
                        0.0))
                .build(REGISTRY);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = trainer(spec, m)) {
            Points data = new Points();
            t.step(data);
            List<float[]> afterFirst = t.parameterValues();
            t.step(data);
            t.step(data);
            List<float[]> later = t.parameterValues();
            for (int i = 0; i < later.size(); i++) {
                assertThat(later.get(i)).isEqualTo(afterFirst.get(i));
            }
        }
    }
}
