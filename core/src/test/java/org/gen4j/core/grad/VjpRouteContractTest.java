package org.gen4j.core.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.nn.Layers;
import org.gen4j.testing.Engines;
import org.junit.jupiter.api.Test;

/**
 * What the vjp route accepts and refuses, its selection by name, and its memory behaviour.
 */
class VjpRouteContractTest {

    private final VjpRoute route = new VjpRoute();

    private static Discriminator critic(Block block, Shape sample) {
        return Discriminator.of(block, sample, Set.of());
    }

    @Test
    void supportedCriticsHaveNoReason() {
        assertThat(route.name()).isEqualTo("vjp");
        assertThat(route.unsupportedReason(critic(VjpRouteTest.mlpCritic(), new Shape(2, 3))))
                .isNull();
        assertThat(route.unsupportedReason(critic(VjpRouteTest.convCritic(),
                new Shape(1, 8, 8)))).isNull();
        assertThat(route.unsupportedReason(critic(VjpRouteTest.mixedCritic(),
                new Shape(2, 7, 7)))).isNull();
    }

    @Test
    void batchNormIsRefusedWithTheBlockTheReasonAndTheWayOut() {
        Block bn = new SequentialBlock()
                .add(Layers.flatten())
                .add(Linear.builder().setUnits(4).build())
                .add(BatchNorm.builder().build())
                .add(Layers.leakyRelu(0.2f))
                .add(Linear.builder().setUnits(1).build());
        String reason = route.unsupportedReason(critic(bn, new Shape(3)));
        assertThat(reason)
                .contains("block [2]")
                .contains("ai.djl.nn.norm.BatchNorm")
                .contains("BatchNorm couples the samples of a batch, so per-sample input"
                        + " gradients are wrong")
                .contains("norm=layer")
                .contains("Layers.layerNorm()");

        // The trait alone is enough: the block may hide its BatchNorm.
        String byTrait = route.unsupportedReason(Discriminator.of(VjpRouteTest.mlpCritic(),
                new Shape(2, 3), EnumSet.of(Discriminator.Trait.BATCH_NORM)));
        assertThat(byTrait).contains("BATCH_NORM").contains(VjpRoute.BATCH_NORM_REASON);

        try (NDManager m = NDManager.newBaseManager()) {
            Discriminator d = critic(bn, new Shape(3));
            bn.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            assertThatThrownBy(() -> route.inputGradient(d, new ParameterStore(m, false),
                            m.ones(new Shape(2, 3))))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("block [2]")
                    .hasMessageContaining(VjpRoute.BATCH_NORM_REASON);
            assertThatThrownBy(() -> InputGradientRoutes.select("auto", d, "regularizer 'x'"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("route 'vjp'")
                    .hasMessageContaining(VjpRoute.BATCH_NORM_REASON);
        }
    }

    @Test
    void opaqueAndUnknownBlocksAreRefusedByPositionAndClass() {
        Block lambda = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
        assertThat(route.unsupportedReason(critic(lambda, new Shape(2, 3))))
                .contains("block [0]")
                .contains("LambdaBlock")
                .contains("'batchFlatten'")
                .contains("Layers.flatten");

        Block nested = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Layers.residual(new SequentialBlock()
                        .add(Linear.builder().setUnits(4).build())
                        .add(Activation.leakyReluBlock(0.2f))))
                .add(Linear.builder().setUnits(1).build());
        assertThat(route.unsupportedReason(critic(nested, new Shape(3))))
                .contains("block [1].body[1]")
                .contains("LambdaBlock")
                .contains("Layers.leakyRelu");

        Block dropout = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Dropout.builder().build())
                .add(Linear.builder().setUnits(1).build());
        assertThat(route.unsupportedReason(critic(dropout, new Shape(3))))
                .contains("block [1]")
                .contains("ai.djl.nn.norm.Dropout")
                .contains("no known input vector-Jacobian product")
                .contains("supported are");

        assertThat(route.unsupportedReason(critic(Blocks.identityBlock(), new Shape(3))))
                .contains("the critic's top block");

        Block grouped = new SequentialBlock().add(Conv2d.builder().setFilters(2)
                .setKernelShape(new Shape(3, 3)).optGroups(2).build());
        assertThat(route.unsupportedReason(critic(grouped, new Shape(2, 5, 5))))
                .contains("block [0]").contains("2 groups");
        Block dilated = new SequentialBlock().add(Conv2d.builder().setFilters(2)
                .setKernelShape(new Shape(3, 3)).optDilation(new Shape(2, 2)).build());
        assertThat(route.unsupportedReason(critic(dilated, new Shape(2, 5, 5))))
                .contains("block [0]").contains("dilation");
    }

    @Test
    void isFoundByServiceLoaderAndChosenByName() {
        assertThat(InputGradientRoutes.names()).contains("vjp");
        Discriminator d = critic(VjpRouteTest.convCritic(), new Shape(1, 8, 8));
        assertThat(InputGradientRoutes.select("vjp", d, "test")).isInstanceOf(VjpRoute.class);
        InputGradientRoute auto = InputGradientRoutes.select("auto", d, "test");
        if (Engines.isMxnet()) {
            // MXNet has no create-graph backward: the vjp route is the only way.
            assertThat(auto.name()).isEqualTo("vjp");
        }
        assertThat(auto.unsupportedReason(d)).isNull();
    }

    @Test
    void refusesAnInputOfTheWrongShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = VjpRouteTest.mlpCritic();
            b.initialize(m, DataType.FLOAT32, new Shape(1, 2, 3));
            Discriminator d = critic(b, new Shape(2, 3));
            assertThatThrownBy(() -> route.inputGradient(d, new ParameterStore(m, false),
                            m.ones(new Shape(4, 6))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(4, 6)").hasMessageContaining("(2, 3)");
        }
    }

    /**
     * Penalty steps as a trainer runs them (a sub-manager per step, the route and the backward
     * inside a gradient collector) leave the array counts of the model's manager and of the root
     * constant: the route puts nothing in the model's manager. In float32 on MXNet this also
     * runs MKL-DNN convolutions whose weights feed the convolution's input gradient, the case in
     * which MXNet's native deconvolution crashes the process.
     */
    @Test
    void repeatedPenaltyStepsLeaveNoArraysBehind() {
        Shape sample = new Shape(2, 8, 8);
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager model = root.newSubManager();
            Block b = VjpRouteTest.mixedCritic();
            b.initialize(model, DataType.FLOAT32, new Shape(1).addAll(sample));
            Block conv = VjpRouteTest.convCritic();
            conv.initialize(model, DataType.FLOAT32, new Shape(1).addAll(sample));
            ParameterStore ps = new ParameterStore(model, false);
            Random r = new Random(1);
            int warmModel = -1;
            int warmRoot = -1;
            for (int step = 0; step < 8; step++) {
                if (step == 2) {
                    warmModel = model.getManagedArrays().size();
                    warmRoot = root.getManagedArrays().size();
                }
                try (NDManager sm = root.newSubManager()) {
                    float[] v = new float[Math.toIntExact(4 * sample.size())];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) r.nextGaussian();
                    }
                    NDArray x = sm.create(v, new Shape(4).addAll(sample));
                    NDArray p;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        p = VjpRouteTest.penalty(route.inputGradient(critic(b, sample), ps, x))
                                .add(VjpRouteTest.penalty(
                                        route.inputGradient(critic(conv, sample), ps, x)));
                        gc.backward(p);
                    }
                    assertThat(p.getFloat()).isFinite();
                }
            }
            assertThat(model.getManagedArrays()).hasSize(warmModel);
            assertThat(root.getManagedArrays()).hasSize(warmRoot);
        }
    }
}
