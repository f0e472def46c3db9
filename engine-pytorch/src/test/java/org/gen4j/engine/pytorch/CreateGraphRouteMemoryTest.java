package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.Optimizers;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The create-graph route over many penalty steps, as a WGAN-GP critic update uses it: nothing
 * accumulates, neither DJL arrays nor native memory, and the graph executor's optimization of the
 * TorchScript call changes nothing.
 */
class CreateGraphRouteMemoryTest {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final CreateGraphRoute route = new CreateGraphRoute();

    @BaseManager private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void open() {
        store = new ParameterStore(manager, false);
    }

    /** One critic update: Wasserstein loss plus 10 x the penalty, backward, Adam step. */
    private void criticStep(
            Discriminator critic, List<NamedParameter> params, Optimizer adam, int n, long seed) {
        try (NDManager step = manager.newSubManager()) {
            DataType type = critic.block().getParameters().get(0).getValue().getArray()
                    .getDataType();
            NDArray real = Critics.batch(step, critic, n, seed).toType(type, false);
            NDArray fake = Critics.batch(step, critic, n, seed + 1).toType(type, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Critics.scores(critic, store, fake).mean()
                        .sub(Critics.scores(critic, store, real).mean());
                NDArray g = route.inputGradient(critic, store, real);
                gc.backward(loss.add(Critics.gradientPenalty(g).mul(10)));
            }
            adam.step(params);
        }
    }

    @Test
    void arrayCountsStayConstantOverPenaltySteps() {
        Discriminator critic = Critics.conv(manager, 101L);
        List<NamedParameter> params = NamedParameter.trainable(critic.block());
        try (Optimizer adam = Optimizers.create(OptimizerSpec.dcganAdam())) {
            List<Integer> counts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                criticStep(critic, params, adam, 4, 1000L + 2 * i);
                counts.add(manager.getManagedArrays().size());
            }
            // The first step creates Adam's moments; after it, nothing may be added.
            assertThat(counts.subList(1, counts.size())).as("arrays after each step: %s", counts)
                    .containsOnly(counts.get(1));
        }
    }

    @Test
    void nativeMemoryStaysFlatOverPenaltySteps() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(STATUS), "needs /proc/self/status (Linux)");
        // Large activations for little arithmetic: 64 samples of 1x64x64 through 8 filters. A
        // create-graph backward that leaves the graph in the .grad of the input and parameters
        // (a reference cycle) keeps them: measured, RSS then grows by 4 MB a step, while here it
        // stays within a few MB once the allocator has warmed up.
        Discriminator critic = Critics.conv(manager, 111L, 1, 64, 8, 8, DataType.FLOAT32);
        List<NamedParameter> params = NamedParameter.trainable(critic.block());
        try (Optimizer adam = Optimizers.create(OptimizerSpec.dcganAdam())) {
            for (int i = 0; i < 6; i++) {
                criticStep(critic, params, adam, 64, 2000L + 2 * i);
            }
            // RSS jumps by tens of MB from one step to the next as the allocator works; the
            // median of 6 readings 18 steps apart is steady, and a 4 MB leak moves it by 72 MB.
            long[] rss = new long[24];
            for (int i = 0; i < rss.length; i++) {
                criticStep(critic, params, adam, 64, 3000L + 2 * i);
                rss[i] = residentMegabytes();
            }
            long first = median(Arrays.copyOfRange(rss, 0, 6));
            long last = median(Arrays.copyOfRange(rss, 18, 24));
            assertThat(last - first).as("growth of the median RSS in MB over 18 steps: %s",
                    Arrays.toString(rss)).isLessThan(30);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    private static long residentMegabytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in " + STATUS);
    }

    @Test
    void sameResultWhenTheGraphExecutorOptimizes() {
        // The tests run with -Dai.djl.pytorch.graph_optimizer=false; DJL's default (and the CLI's)
        // is true: the TorchScript call is then profiled, and optimized after a few runs.
        double[] reference = penaltyGradient(121L);
        JniUtils.setGraphExecutorOptimize(true);
        try {
            for (int i = 0; i < 5; i++) {
                NDArray actual = manager.create(penaltyGradient(121L));
                NDAssert.assertAllClose(actual, manager.create(reference), 1e-12, 0);
            }
        } finally {
            JniUtils.setGraphExecutorOptimize(false);
        }
    }

    /** The input gradient and the first layer's penalty gradient of a new conv critic, joined. */
    private double[] penaltyGradient(long seed) {
        try (NDManager scratch = manager.newSubManager()) {
            Discriminator critic = Critics.conv(scratch, seed);
            NDArray x = Critics.batch(scratch, critic, 3, seed + 1);
            double[] g;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray gradient = route.inputGradient(critic, store, x);
                g = gradient.toDoubleArray();
                gc.backward(Critics.gradientPenalty(gradient));
            }
            NDArray w = critic.block().getParameters().get(0).getValue().getArray().getGradient();
            w.attach(scratch);
            double[] dw = w.toDoubleArray();
            double[] joined = new double[g.length + dw.length];
            System.arraycopy(g, 0, joined, 0, g.length);
            System.arraycopy(dw, 0, joined, g.length, dw.length);
            return joined;
        }
    }
}
