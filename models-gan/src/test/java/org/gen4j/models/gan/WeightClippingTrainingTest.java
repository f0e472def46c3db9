package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.ProcedureTrainer;
import org.junit.jupiter.api.Test;

/** WGAN with weight clipping: every critic weight stays in [-c, c], and nothing leaks. */
class WeightClippingTrainingTest {

    @Test
    void clippingKeepsEveryCriticWeightInsideTheBound() {
        Registry registry = Gen4j.registry();
        float c = 0.05f;
        OptimizerSpec rms = OptimizerSpec.rmsprop(5e-3, 0.9);
        RunSpec spec = RunSpec.builder().setModel("mlp-gan").optBatchSize(32).optSteps(100)
                .optSeed(3).opt("latent-size", 8).opt("loss", "wasserstein").opt("n-critic", 5)
                .opt("init-std", 0.5)
                .opt("regularizers", List.of(Map.of("name", "weight-clipping", "weight", 1,
                        "options", Map.of("c", c))))
                .optOptimizer("generator", rms).optOptimizer("discriminator", rms)
                .build(registry);
        RandomStream r = new RandomStream(9);
        Shape point = new Shape(2);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = GanFixtures.trainer(registry, spec, point, m)) {
            float max = 0;
            for (Pair<String, Parameter> p : t.network("discriminator").getParameters()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            assertThat(max).as("init std 0.5 starts far outside the bound").isGreaterThan(c);
            int arrays = -1;
            for (int step = 0; step < 6; step++) {
                t.step(() -> {
                    float[] b = new float[64];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (float) r.nextGaussian();
                    }
                    return new BatchLoader.Batch(0, 0, b, null, new int[32], new Shape(32, 2));
                });
                for (Pair<String, Parameter> p : t.network("discriminator").getParameters()) {
                    for (float v : p.getValue().getArray().toFloatArray()) {
                        assertThat(Math.abs(v)).as(p.getKey()).isLessThanOrEqualTo(c);
                    }
                }
                if (step == 1) {
                    arrays = t.manager().getManagedArrays().size();
                }
            }
            assertThat(t.manager().getManagedArrays()).hasSize(arrays);
        }
    }
}
