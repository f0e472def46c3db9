package org.gen4j.models.gan.sngan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.nn.SpectralNorm;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.StepResult;
import org.gen4j.core.util.Options;
import org.gen4j.models.gan.GanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SNGAN networks: the paper's channel plan, shapes for the data's size, a spectrally
 * normalised discriminator whose power iteration runs in training, and training with the hinge
 * loss and with a gradient penalty on the vjp route.
 */
class SnganTest {

    private static NetworkSpec spec(Shape sample, Map<String, ?> options) {
        return new NetworkSpec(sample, 16, new Options("model 'sngan'", options));
    }

    private static List<SpectralNorm> normalised(Block block) {
        List<SpectralNorm> out = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            if (child instanceof SpectralNorm sn) {
                out.add(sn);
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"1, 28", "3, 32", "3, 64", "1, 48"})
    void theNetworksFitTheDataShape(long channels, long side) {
        Shape sample = new Shape(channels, side, side);
        Generator g = Sngan.generator(spec(sample, Map.of("width", 4)));
        Discriminator d = Sngan.discriminator(spec(sample, Map.of("width", 4)));
        try (NDManager m = NDManager.newBaseManager()) {
            g.block().initialize(m, DataType.FLOAT32, new Shape(2, 16));
            d.block().initialize(m, DataType.FLOAT32, new Shape(2).addAll(sample));
            assertThat(g.block().getOutputShapes(new Shape[] {new Shape(2, 16)}))
                    .containsExactly(new Shape(2).addAll(sample));
            assertThat(d.block().getOutputShapes(new Shape[] {new Shape(2).addAll(sample)}))
                    .containsExactly(new Shape(2, 1));
        }
        assertThat(d.traits()).isEmpty();
    }

    @Test
    void at32x32TheDiscriminatorHasThePapersChannels() {
        Shape sample = new Shape(3, 32, 32);
        Discriminator d = Sngan.discriminator(spec(sample, Map.of()));
        List<Long> filters = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            d.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            for (SpectralNorm sn : normalised(d.block())) {
                filters.add(sn.getDirectParameters().get("weight").getArray().getShape().get(0));
            }
        }
        assertThat(filters).containsExactly(64L, 64L, 128L, 128L, 256L, 256L, 512L, 1L);
    }

    @Test
    void otherShapesAreRefusedNamingThem() {
        assertThatThrownBy(() -> Sngan.generator(spec(new Shape(2), Map.of())))
                .hasMessageContaining("sngan takes square images")
                .hasMessageContaining("mlp-gan");
        assertThatThrownBy(() -> Sngan.discriminator(spec(new Shape(1, 9, 9), Map.of())))
                .hasMessageContaining("halves at least once");
        assertThatThrownBy(() -> Sngan.discriminator(spec(new Shape(1, 28, 28),
                Map.of("power-iterations", 0)))).hasMessageContaining("power-iterations");
    }

    private static float[] images(int n) {
        RandomStream r = new RandomStream(3);
        float[] x = new float[n * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.tanh(r.nextGaussian());
        }
        return x;
    }

    @Test
    void itTrainsWithTheHingeLossAndThePowerIterationMoves() {
        RunSpec spec = RunSpec.builder().setModel("sngan").opt("loss", "hinge").optBatchSize(8)
                .optSteps(6).optSeed(1).optModelOptions(Map.of("width", 4))
                .opt("latent-size", 16).build(GanFixtures.REGISTRY);
        Shape sample = new Shape(1, 28, 28);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = GanFixtures.trainer(GanFixtures.REGISTRY, spec, sample, m)) {
            var batches = GanFixtures.fixed(images(8), null, sample);
            List<float[]> u0 = vectors(t);
            for (int i = 0; i < 6; i++) {
                StepResult r = t.step(batches);
                for (float v : r.values()) {
                    assertThat(v).isFinite();
                }
            }
            assertThat(vectors(t).get(0)).as("the power iteration moves u")
                    .isNotEqualTo(u0.get(0));
            for (SpectralNorm sn : normalised(t.network("discriminator"))) {
                assertThat(sn.sigma()).as("%s sigma estimate", sn).isPositive().isFinite();
            }
        }
    }

    private static List<float[]> vectors(ProcedureTrainer t) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : t.network("discriminator").getParameters()) {
            if (p.getKey().endsWith("_u")) {
                out.add(p.getValue().getArray().toFloatArray());
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    @Test
    void itCarriesAGradientPenaltyOnTheVjpRoute() {
        RunSpec spec = RunSpec.builder().setModel("sngan").optBatchSize(4).optSteps(2).optSeed(1)
                .optModelOptions(Map.of("width", 4)).opt("latent-size", 16)
                .opt("loss", "wasserstein")
                .opt("regularizers", List.of(Map.of("name", "wgan-gp", "weight", 10,
                        "options", Map.of("route", "vjp"))))
                .build(GanFixtures.REGISTRY);
        Shape sample = new Shape(1, 28, 28);
        try (NDManager m = NDManager.newBaseManager();
                ProcedureTrainer t = GanFixtures.trainer(GanFixtures.REGISTRY, spec, sample, m)) {
            var batches = GanFixtures.fixed(images(4), null, sample);
            for (int i = 0; i < 2; i++) {
                StepResult r = t.step(batches);
                assertThat(r.value("penalty")).isFinite().isPositive();
            }
        }
    }
}
