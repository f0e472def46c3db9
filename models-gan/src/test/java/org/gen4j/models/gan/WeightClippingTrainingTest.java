package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.GanSetup;
import org.gen4j.core.train.GanTrainer;
import org.gen4j.core.train.WeightedRegularizer;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** WGAN with weight clipping: every critic weight stays in [-c, c], and nothing leaks. */
class WeightClippingTrainingTest {

    @Test
    void clippingKeepsEveryCriticWeightInsideTheBound() {
        Registry registry = Gen4j.registry();
        float c = 0.05f;
        NetworkSpec spec = new NetworkSpec(new Shape(2), 8, Options.empty("model 'mlp-gan'"));
        var reg = registry.regularizer("weight-clipping")
                .create(new Options("regularizer", Map.of("c", c)));
        GanSetup setup = new GanSetup(registry.generator("mlp-gan").create(spec),
                registry.discriminator("mlp-gan").create(
                        new NetworkSpec(new Shape(2), 8, Options.empty("model 'mlp-gan'"))),
                registry.loss("wasserstein").create(Options.empty("loss")),
                List.of(new WeightedRegularizer(reg, 1)), 5, 32,
                new OptimizerSpec("rmsprop", 5e-3, 0, 0.9, 1e-8, 0),
                new OptimizerSpec("rmsprop", 5e-3, 0, 0.9, 1e-8, 0), 3, 0.5f);
        RandomStream r = new RandomStream(9);
        try (NDManager m = NDManager.newBaseManager(); GanTrainer t = new GanTrainer(setup, m)) {
            float max = 0;
            for (Pair<String, Parameter> p : t.discriminator().block().getParameters()) {
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
                    return b;
                });
                for (Pair<String, Parameter> p : t.discriminator().block().getParameters()) {
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
