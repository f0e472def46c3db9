package org.gen4j.models.gan.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gen4j.models.gan.GanFixtures.REGISTRY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs of the GAN procedures: their keys, the older spellings, and the presets. */
class GanSpecTest {

    @TempDir
    Path dir;

    private static List<RegularizerSpec> regularizers(RunSpec spec) {
        return spec.get(GanKeys.REGULARIZERS);
    }

    @Test
    void theDefaultsAreTheDcganOfThePaper() {
        RunSpec spec = SpecLoader.fromDefaults().build(REGISTRY);
        assertThat(spec.model()).isEqualTo("dcgan");
        assertThat(spec.procedure()).isEqualTo("gan");
        assertThat(spec.get(GanKeys.LOSS)).isEqualTo("non-saturating");
        assertThat(spec.get(GanKeys.N_CRITIC)).isEqualTo(1);
        assertThat(spec.get(GanKeys.REUSE_FAKES)).isFalse();
        assertThat(spec.get(GanKeys.LATENT_SIZE)).isEqualTo(100);
        assertThat(spec.get(GanKeys.INIT_STD)).isEqualTo(0.02);
        assertThat(spec.optimizers()).containsOnlyKeys("generator", "discriminator");
        assertThat(spec.optimizer("generator")).isEqualTo(OptimizerSpec.dcganAdam());
        assertThat(spec.preset()).isNull();
    }

    @Test
    void wganGpPresetGivenAsLossSetsThePapersSettings() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("loss", "wgan-gp").build(REGISTRY);
        assertThat(spec.preset()).isEqualTo("wgan-gp");
        assertThat(spec.get(GanKeys.LOSS)).isEqualTo("wasserstein");
        assertThat(spec.get(GanKeys.N_CRITIC)).isEqualTo(5);
        assertThat(regularizers(spec)).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("wgan-gp");
            assertThat(r.weight()).isEqualTo(10.0);
        });
        for (String network : List.of("generator", "discriminator")) {
            OptimizerSpec o = spec.optimizer(network);
            assertThat(o.type()).isEqualTo("adam");
            assertThat(o.settings()).containsEntry("lr", 1e-4).containsEntry("beta1", 0.0)
                    .containsEntry("beta2", 0.9);
        }
        assertThat(spec.model()).isEqualTo("dcgan");
    }

    @Test
    void wganPresetUsesRmspropAndClipping() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("preset", "wgan").build(REGISTRY);
        assertThat(spec.get(GanKeys.LOSS)).isEqualTo("wasserstein");
        assertThat(spec.optimizer("discriminator").type()).isEqualTo("rmsprop");
        assertThat(spec.optimizer("discriminator").settings()).containsEntry("lr", 5e-5)
                .doesNotContainKey("beta1");
        assertThat(regularizers(spec).get(0).name()).isEqualTo("weight-clipping");
        assertThat(regularizers(spec).get(0).options()).containsEntry("c", 0.01);
    }

    @Test
    void userKeysWinOverThePresetWhateverTheirOrderAndSpelling() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "n-critic: 3\noptimizer-d: {lr: 3.0e-4}\n");
        RunSpec spec = SpecLoader.fromDefaults().mergeFile(file)
                .set("optimizers.generator.beta2", "0.95").setValue("loss", "wgan-gp")
                .build(REGISTRY);
        assertThat(spec.get(GanKeys.N_CRITIC)).isEqualTo(3);
        assertThat(spec.optimizer("discriminator").settings()).containsEntry("lr", 3e-4)
                .containsEntry("beta2", 0.9);
        assertThat(spec.optimizer("generator").settings()).containsEntry("beta2", 0.95)
                .containsEntry("lr", 1e-4);
        assertThat(spec.get(GanKeys.LOSS)).isEqualTo("wasserstein");
    }

    @Test
    void theReadmesClippingSpecStillReads() throws IOException {
        Path file = dir.resolve("wgan.yaml");
        Files.writeString(file, String.join("\n",
                "loss: wasserstein",
                "n-critic: 5",
                "regularizers: [{name: weight-clipping, weight: 1, options: {c: 0.01}}]",
                "optimizer-g: {type: rmsprop, lr: 5.0e-5, beta2: 0.99}",
                "optimizer-d: {type: rmsprop, lr: 5.0e-5, beta2: 0.99}", ""));
        RunSpec spec = SpecLoader.fromDefaults().mergeFile(file).build(REGISTRY);
        assertThat(spec.optimizer("generator")).isEqualTo(OptimizerSpec.rmsprop(5e-5, 0.99));
        assertThat(spec.get(GanKeys.N_CRITIC)).isEqualTo(5);
    }

    @Test
    void presetWithAnotherLossKeepsTheUsersLoss() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("preset", "wgan-gp")
                .setValue("loss", "hinge").build(REGISTRY);
        assertThat(spec.get(GanKeys.LOSS)).isEqualTo("hinge");
        assertThat(regularizers(spec).get(0).name()).isEqualTo("wgan-gp");
    }

    @Test
    void unknownAndConflictingPresetsAreRefused() {
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("preset", "wgan-pg")
                .build(REGISTRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown preset 'wgan-pg'")
                .hasMessageContaining("[biggan, progan, wgan, wgan-gp]");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("preset", "wgan")
                .setValue("loss", "wgan-gp").build(REGISTRY))
                .hasMessageContaining("choose one");
    }

    @Test
    void resumingFromAStoredSpecDoesNotReapplyItsPreset() {
        RunSpec stored = SpecLoader.fromDefaults().setValue("loss", "wgan-gp")
                .setValue("n-critic", 2).build(REGISTRY);
        RunSpec again = SpecLoader.from(SpecLoader.fromJson(stored.toJson(), REGISTRY))
                .setValue("steps", 99L).build(REGISTRY);
        assertThat(again.get(GanKeys.N_CRITIC)).isEqualTo(2);
        assertThat(again.steps()).isEqualTo(99);
        assertThat(again.preset()).isEqualTo("wgan-gp");
    }

    @Test
    void aRegularizerWithoutWeightGetsItsDefaultWrittenOut() {
        RunSpec spec = SpecLoader.fromDefaults().set("regularizers", "[{name: r1}]")
                .build(REGISTRY);
        assertThat(regularizers(spec).get(0).weight()).isEqualTo(5.0);
        assertThatThrownBy(() -> SpecLoader.fromDefaults()
                .set("regularizers", "[{name: r1, weight: -1}]").build(REGISTRY))
                .hasMessageContaining("regularizers[0].weight must be in [0, 1000000], got -1.0");
        assertThatThrownBy(() -> SpecLoader.fromDefaults()
                .set("regularizers", "[{name: r1, wieght: 2}]").build(REGISTRY))
                .hasMessageContaining("regularizers: ")
                .hasMessageContaining("wieght");
        assertThatThrownBy(() -> SpecLoader.fromDefaults()
                .set("regularizers", "[{name: r2}]").build(REGISTRY))
                .hasMessageContaining("Unknown regularizer 'r2'");
    }

    @Test
    void unknownKeysAndLossesNameTheKnownOnes() {
        assertThatThrownBy(() -> SpecLoader.fromDefaults().set("n-critics", "5").build(REGISTRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown spec key 'n-critics'")
                .hasMessageContaining("n-critic");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("loss", "hinje")
                .build(REGISTRY))
                .hasMessageContaining("Unknown loss 'hinje'. Known losses: [");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("discriminator", "dcgann")
                .build(REGISTRY))
                .hasMessageContaining("Unknown discriminator 'dcgann'");
    }

    @Test
    void theConditionalGanHasItsOwnKeysAndTakesAnyArchitecture() {
        RunSpec cgan = SpecLoader.fromDefaults().setValue("model", "cgan").build(REGISTRY);
        assertThat(cgan.procedure()).isEqualTo("cgan");
        assertThat(cgan.get(GanKeys.CONDITION)).isEqualTo("one-hot");
        RunSpec mlp = SpecLoader.fromDefaults().setValue("procedure", "cgan")
                .setValue("model", "mlp-gan").set("condition", "embedding").build(REGISTRY);
        assertThat(mlp.procedure()).isEqualTo("cgan");
        assertThat(mlp.model()).isEqualTo("mlp-gan");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().set("condition", "embedding")
                .build(REGISTRY))
                .hasMessageContaining("Spec key 'condition' is not used by procedure 'gan' (it"
                        + " is a key of [acgan, cgan, cvae-gan])");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("model", "cgan")
                .set("condition", "one-cold").build(REGISTRY))
                .hasMessage("condition must be one-hot or embedding, got \"one-cold\"");
    }
}
