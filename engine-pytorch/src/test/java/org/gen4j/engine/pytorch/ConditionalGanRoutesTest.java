package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.StepResult;
import org.junit.jupiter.api.Test;

/**
 * The conditional GAN with a gradient penalty on both routes of the PyTorch engine: the critic
 * with its labels bound is differentiated by libtorch's create-graph backward as by the
 * vector-Jacobian products, and the two give the same penalty.
 */
class ConditionalGanRoutesTest {

    private static final Registry REGISTRY = Gen4j.registry();
    private static final Shape IMAGE = new Shape(1, 28, 28);

    private static StepResult firstSteps(String route, int steps) {
        RunSpec spec = RunSpec.builder().setModel("cgan").optBatchSize(8).optSteps(10).optSeed(4)
                .optModelOptions(Map.of("width", 4)).opt("latent-size", 8)
                .opt("loss", "wasserstein")
                .opt("regularizers", List.of(Map.of("name", "wgan-gp", "weight", 10,
                        "options", Map.of("route", route))))
                .build(REGISTRY);
        float[] x = new float[8 * 28 * 28];
        RandomStream r = new RandomStream(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.tanh(r.nextGaussian());
        }
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7};
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = ProcedureTrainer.create(spec, REGISTRY,
                        DataInfo.labelled(IMAGE, 10, "test images"), 10, m)) {
            StepResult last = null;
            for (int i = 0; i < steps; i++) {
                last = t.step(() -> new BatchLoader.Batch(0, 0, x, labels, new int[8],
                        new Shape(8, 1, 28, 28)));
                assertThat(last.value("penalty")).as("%s penalty", route).isFinite().isPositive();
            }
            return last;
        }
    }

    @Test
    void bothRoutesGiveTheSamePenaltyForTheConditionedCritic() {
        StepResult graph = firstSteps("create-graph", 1);
        StepResult vjp = firstSteps("vjp", 1);
        assertThat((double) graph.value("penalty")).isCloseTo(vjp.value("penalty"),
                within(1e-4 * Math.abs(vjp.value("penalty"))));
        assertThat((double) graph.value("loss_d")).isCloseTo(vjp.value("loss_d"),
                within(1e-5 + 1e-4 * Math.abs(vjp.value("loss_d"))));
        // And it trains on: a few steps with the create-graph route stay finite.
        assertThat(firstSteps("create-graph", 3).value("loss_g")).isFinite();
    }
}
