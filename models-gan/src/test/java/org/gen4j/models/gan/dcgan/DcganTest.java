package org.gen4j.models.gan.dcgan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.grad.VjpRoute;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.LayerNorm;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.util.Options;
import org.gen4j.models.gan.GanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcganTest {

    private static NetworkSpec spec(long c, long size, int width) {
        return new NetworkSpec(new Shape(c, size, size), 16,
                new Options("model 'dcgan'", Map.of("width", width)));
    }

    @ParameterizedTest
    @CsvSource({"1, 28, 8", "3, 28, 4", "1, 64, 4", "3, 64, 4"})
    void generatorAndDiscriminatorShapes(long c, long size, int width) {
        Generator g = Dcgan.generator(spec(c, size, width));
        Discriminator d = Dcgan.discriminator(spec(c, size, width));
        try (NDManager m = NDManager.newBaseManager()) {
            g.block().initialize(m, DataType.FLOAT32, new Shape(2, 16));
            d.block().initialize(m, DataType.FLOAT32, new Shape(2, c, size, size));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = g.block().forward(ps, new NDList(m.randomNormal(new Shape(2, 16))), false)
                    .singletonOrThrow();
            assertThat(x.getShape()).isEqualTo(new Shape(2, c, size, size));
            float[] v = x.toFloatArray();
            for (float f : v) {
                assertThat(f).isBetween(-1f, 1f);
            }
            NDArray logits = d.block().forward(ps, new NDList(x), false).head();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 1));
        }
        assertThat(d.traits()).contains(Discriminator.Trait.BATCH_NORM);
    }

    @Test
    void referenceSizedNetworkHasTheReferenceParameterCount() {
        // bench/reference/dcgan.py: G 100 -> 128x7x7 (BN1d), tconv 128->64 (no bias), BN, tconv 64->1.
        Generator g = Dcgan.generator(new NetworkSpec(new Shape(1, 28, 28), 100,
                Options.empty("model 'dcgan'")));
        Discriminator d = Dcgan.discriminator(new NetworkSpec(new Shape(1, 28, 28), 100,
                Options.empty("model 'dcgan'")));
        try (NDManager m = NDManager.newBaseManager()) {
            g.block().initialize(m, DataType.FLOAT32, new Shape(1, 100));
            d.block().initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            long gTrainable = 100L * 6272 + 6272 + 2 * 6272 + 128L * 64 * 16 + 2 * 64
                    + 64L * 16 + 1;
            long dTrainable = 64L * 16 + 64 + 64L * 128 * 16 + 2 * 128 + 6272 + 1;
            assertThat(count(g.block().getParameters())).isEqualTo(gTrainable);
            assertThat(count(d.block().getParameters())).isEqualTo(dTrainable);
        }
    }

    private static long count(ai.djl.nn.ParameterList list) {
        long n = 0;
        for (Pair<String, Parameter> p : list) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    @Test
    void otherSizesAreRefusedWithTheAcceptedShapes() {
        assertThatThrownBy(() -> Dcgan.generator(spec(3, 32, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(C, 28, 28) or (C, 64, 64)")
                .hasMessageContaining("(3, 32, 32)");
        assertThatThrownBy(() -> Dcgan.discriminator(new NetworkSpec(new Shape(2), 8,
                        Options.empty("model 'dcgan'"))))
                .hasMessageContaining("mlp-gan");
        assertThatThrownBy(() -> Dcgan.generator(new NetworkSpec(new Shape(1, 28, 28), 8,
                        new Options("model 'dcgan'", Map.of("widht", 8)))))
                .hasMessageContaining("widht");
    }

    private static NetworkSpec spec(Map<String, Object> options, boolean batchNormAllowed) {
        return new NetworkSpec(new Shape(1, 28, 28), 16, new Options("model 'dcgan'", options),
                batchNormAllowed);
    }

    /** The classes of every block, depth first. */
    private static List<Class<?>> classes(Block block) {
        List<Class<?>> all = new ArrayList<>();
        all.add(block.getClass());
        for (Block child : block.getChildren().values()) {
            all.addAll(classes(child));
        }
        return all;
    }

    @Test
    void normOptionPicksTheDiscriminatorsNormalisation() {
        VjpRoute vjp = new VjpRoute();
        Discriminator byDefault = Dcgan.discriminator(spec(Map.of("width", 4), true));
        assertThat(byDefault.traits()).containsExactly(Discriminator.Trait.BATCH_NORM);
        assertThat(classes(byDefault.block())).contains(BatchNorm.class)
                .doesNotContain(LayerNorm.class);
        assertThat(vjp.unsupportedReason(byDefault)).contains(VjpRoute.BATCH_NORM_REASON);

        // A run with a gradient penalty: layer norm by default, and the critic is penalty-ready.
        Discriminator penalised = Dcgan.discriminator(spec(Map.of("width", 4), false));
        assertThat(penalised.traits()).isEmpty();
        assertThat(classes(penalised.block())).contains(LayerNorm.class)
                .doesNotContain(BatchNorm.class);
        assertThat(vjp.unsupportedReason(penalised)).isNull();

        Discriminator layer = Dcgan.discriminator(spec(Map.of("width", 4, "norm", "layer"), true));
        assertThat(layer.traits()).isEmpty();
        assertThat(classes(layer.block())).contains(LayerNorm.class);

        Discriminator none = Dcgan.discriminator(spec(Map.of("width", 4, "norm", "none"), false));
        assertThat(none.traits()).isEmpty();
        assertThat(classes(none.block())).doesNotContain(BatchNorm.class, LayerNorm.class);
        assertThat(vjp.unsupportedReason(none)).isNull();
        try (NDManager m = NDManager.newBaseManager()) {
            none.block().initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            layer.block().initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            // Without a normalisation the second convolution has a bias in its place: 2w values
            // instead of the layer norm's 2 * 2w.
            assertThat(count(none.block().getParameters()))
                    .isEqualTo(count(layer.block().getParameters()) - 8);
        }

        assertThatThrownBy(() -> Dcgan.discriminator(spec(Map.of("norm", "batch"), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("norm").hasMessageContaining("norm=layer")
                .hasMessageContaining("couples the samples");
        assertThatThrownBy(() -> Dcgan.discriminator(spec(Map.of("norm", "group"), true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, layer, none]").hasMessageContaining("group");
    }

    @ParameterizedTest
    @CsvSource({"batch, true", "layer, true", "none, true", "batch, false", "layer, false"})
    void generatorAcceptsAndIgnoresTheNormOption(String norm, boolean batchNormAllowed) {
        Generator g = Dcgan.generator(spec(Map.of("width", 4, "norm", norm), batchNormAllowed));
        Generator reference = Dcgan.generator(spec(Map.of("width", 4), true));
        try (NDManager m = NDManager.newBaseManager()) {
            g.block().initialize(m, DataType.FLOAT32, new Shape(1, 16));
            reference.block().initialize(m, DataType.FLOAT32, new Shape(1, 16));
            assertThat(classes(g.block())).isEqualTo(classes(reference.block()));
            assertThat(count(g.block().getParameters()))
                    .isEqualTo(count(reference.block().getParameters()));
        }
    }

    @Test
    void trainingKeepsBatchNormRunningStatisticsNonTrainable() {
        RunSpec spec = RunSpec.builder().setModel("dcgan").optBatchSize(8).optSteps(10).optSeed(1)
                .optModelOptions(Map.of("width", 4)).opt("latent-size", 16)
                .opt("loss", "minimax").build(GanFixtures.REGISTRY);
        float[] real = new float[8 * 28 * 28];
        java.util.Arrays.fill(real, -0.5f);
        Shape sample = new Shape(1, 28, 28);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = GanFixtures.trainer(GanFixtures.REGISTRY, spec, sample, m)) {
            float[] before = runningMean(t);
            var batches = GanFixtures.fixed(real, null, sample);
            for (int i = 0; i < 3; i++) {
                t.step(batches);
            }
            for (Pair<String, Parameter> p : t.network("discriminator").getParameters()) {
                if (p.getKey().contains("runningMean") || p.getKey().contains("runningVar")) {
                    assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
                    assertThat(p.getValue().getArray().hasGradient()).as(p.getKey()).isFalse();
                }
            }
            assertThat(runningMean(t)).as("BN running mean is updated by training forward passes")
                    .isNotEqualTo(before);
        }
    }

    private static float[] runningMean(ProcedureTrainer t) {
        for (Pair<String, Parameter> p : t.network("discriminator").getParameters()) {
            if (p.getKey().contains("runningMean")) {
                return p.getValue().getArray().toFloatArray();
            }
        }
        throw new AssertionError("no running mean in the dcgan discriminator");
    }
}
