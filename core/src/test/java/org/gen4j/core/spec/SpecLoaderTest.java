package org.gen4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsBuildAndCarryNoPreset() {
        RunSpec spec = SpecLoader.fromDefaults().build();
        assertThat(spec).isEqualTo(RunSpec.defaults());
        assertThat(spec.preset()).isNull();
    }

    @Test
    void wganGpPresetGivenAsLossSetsThePapersSettings() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("loss", "wgan-gp").build();
        assertThat(spec.preset()).isEqualTo("wgan-gp");
        assertThat(spec.loss()).isEqualTo("wasserstein");
        assertThat(spec.nCritic()).isEqualTo(5);
        assertThat(spec.regularizers()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("wgan-gp");
            assertThat(r.weight()).isEqualTo(10.0);
        });
        for (var o : new org.gen4j.core.optim.OptimizerSpec[] {spec.optimizerG(), spec.optimizerD()}) {
            assertThat(o.type()).isEqualTo("adam");
            assertThat(o.lr()).isEqualTo(1e-4);
            assertThat(o.beta1()).isEqualTo(0.0);
            assertThat(o.beta2()).isEqualTo(0.9);
        }
        assertThat(spec.model()).isEqualTo("dcgan");
    }

    @Test
    void wganPresetUsesRmspropAndClipping() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("preset", "wgan").build();
        assertThat(spec.loss()).isEqualTo("wasserstein");
        assertThat(spec.optimizerD().type()).isEqualTo("rmsprop");
        assertThat(spec.optimizerD().lr()).isEqualTo(5e-5);
        assertThat(spec.regularizers().get(0).name()).isEqualTo("weight-clipping");
        assertThat(spec.regularizers().get(0).options()).containsEntry("c", 0.01);
    }

    @Test
    void userKeysWinOverThePresetWhateverTheirOrder() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "n-critic: 3\noptimizer-d: {lr: 3.0e-4}\n");
        RunSpec spec = SpecLoader.fromDefaults().mergeFile(file)
                .set("optimizer-g.beta2", "0.95").setValue("loss", "wgan-gp").build();
        assertThat(spec.nCritic()).isEqualTo(3);
        assertThat(spec.optimizerD().lr()).isEqualTo(3e-4);
        assertThat(spec.optimizerD().beta2()).isEqualTo(0.9);
        assertThat(spec.optimizerG().beta2()).isEqualTo(0.95);
        assertThat(spec.optimizerG().lr()).isEqualTo(1e-4);
        assertThat(spec.loss()).isEqualTo("wasserstein");
    }

    @Test
    void presetWithAnotherLossKeepsTheUsersLoss() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("preset", "wgan-gp")
                .setValue("loss", "hinge").build();
        assertThat(spec.loss()).isEqualTo("hinge");
        assertThat(spec.regularizers().get(0).name()).isEqualTo("wgan-gp");
    }

    @Test
    void unknownAndConflictingPresetsAreRefused() {
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("preset", "wgan-pg").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown preset 'wgan-pg'")
                .hasMessageContaining("[wgan, wgan-gp]");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("preset", "wgan")
                .setValue("loss", "wgan-gp").build())
                .hasMessageContaining("choose one");
    }

    @Test
    void resumingFromAStoredSpecDoesNotReapplyItsPreset() {
        RunSpec stored = SpecLoader.fromDefaults().setValue("loss", "wgan-gp")
                .setValue("n-critic", 2).build();
        RunSpec again = SpecLoader.from(SpecLoader.fromJson(SpecLoader.toJson(stored)))
                .setValue("steps", 99L).build();
        assertThat(again.nCritic()).isEqualTo(2);
        assertThat(again.steps()).isEqualTo(99);
        assertThat(again.preset()).isEqualTo("wgan-gp");
    }

    @Test
    void aRegularizerWithoutWeightLeavesItToTheRegularizer() {
        RunSpec spec = SpecLoader.fromDefaults()
                .set("regularizers", "[{name: r1}]").build();
        assertThat(spec.regularizers().get(0).weight()).isNull();
        assertThatThrownBy(() -> SpecLoader.fromDefaults()
                .set("regularizers", "[{name: r1, weight: -1}]").build())
                .hasMessageContaining("regularizers[0].weight must be in [0, 1000000], got -1.0");
    }

    @Test
    void unknownKeyNamesTheKnownOnes() {
        assertThatThrownBy(() -> SpecLoader.fromDefaults().set("n-critics", "5").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown spec key 'n-critics'")
                .hasMessageContaining("n-critic");
    }
}
