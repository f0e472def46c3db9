package org.gen4j.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.ScheduleSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.toy.ToyKeys;
import org.gen4j.core.toy.ToyProcedureFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec resolution against the core's toy procedures: per-procedure keys, aliases, per-network
 * optimizers, schedules, types and the builder. (The GAN procedures' keys and presets are tested
 * in models-gan.)
 */
class SpecLoaderTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static SpecLoader toy() {
        return SpecLoader.fromDefaults().setValue("model", ToyProcedureFactory.TOY);
    }

    @Test
    void defaultsOfTheCommonKeysAndOfTheProcedure() {
        RunSpec spec = toy().build(REGISTRY);
        assertThat(spec.procedure()).isEqualTo("toy");
        assertThat(spec.model()).isEqualTo("toy");
        assertThat(spec.batchSize()).isEqualTo(64);
        assertThat(spec.epochs()).isEqualTo(20);
        assertThat(spec.steps()).isZero();
        assertThat(spec.seed()).isEqualTo(42);
        assertThat(spec.preset()).isNull();
        assertThat(spec.procedureKeys()).containsExactly("latent-size", "noise", "needs-labels",
                "explode-at");
        assertThat(spec.values()).containsEntry("noise", 0.1).containsEntry("latent-size", 2);
        assertThat(spec.optimizers()).containsOnlyKeys("encoder", "decoder");
        assertThat(spec.optimizer("encoder").settings()).containsEntry("lr", 0.01)
                .containsEntry("beta1", 0.9).containsEntry("weight-decay", 0.0);
        assertThat(spec.schedule().type()).isEqualTo("constant");
        assertThat(spec.schedule().settings()).containsEntry("warmup", 0);
    }

    @Test
    void anArchitectureAProcedureClaimsSelectsIt() {
        RunSpec spec = SpecLoader.fromDefaults().setValue("model", ToyProcedureFactory.ARCHITECTURE)
                .build(REGISTRY);
        assertThat(spec.procedure()).isEqualTo("toy");
        assertThat(spec.model()).isEqualTo("toy-linear");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("model", "nothing")
                .build(REGISTRY))
                .hasMessageContaining("Unknown model 'nothing'")
                .hasMessageContaining("neither a procedure [toy, toy-mini]");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("procedure", "toyy")
                .build(REGISTRY))
                .hasMessage("Unknown procedure 'toyy'. Known procedures: [toy, toy-mini]");
    }

    @Test
    void anUnknownKeyNamesTheProceduresKeysAndTheCommonOnes() {
        assertThatThrownBy(() -> toy().set("nois", "0.2").build(REGISTRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown spec key 'nois'")
                .hasMessageContaining("Keys of procedure 'toy': [explode-at, latent-size,"
                        + " needs-labels, noise]")
                .hasMessageContaining("batch-size");
    }

    @Test
    void aKeyOfAnotherProcedureSaysWhichUsesIt() {
        assertThatThrownBy(() -> SpecLoader.fromDefaults().setValue("model", "toy-mini")
                .set("noise", "0.2").build(REGISTRY))
                .hasMessageContaining("Spec key 'noise' is not used by procedure 'toy-mini' (it"
                        + " is a key of [toy])")
                .hasMessageContaining("Keys of procedure 'toy-mini': [latent-size]");
    }

    @Test
    void valuesOfTheWrongTypeNameTheKeyAndWhatItAccepts() {
        assertThatThrownBy(() -> toy().set("latent-size", "2.5").build(REGISTRY))
                .hasMessage("latent-size must be an integer in [1, 64], got the number 2.5");
        assertThatThrownBy(() -> toy().set("batch-size", "ten").build(REGISTRY))
                .hasMessage("batch-size must be an integer in [1, 65536], got the text 'ten'");
        assertThatThrownBy(() -> toy().set("needs-labels", "3").build(REGISTRY))
                .hasMessage("needs-labels must be true or false, got the integer 3");
        assertThatThrownBy(() -> toy().set("noise", "2").build(REGISTRY))
                .hasMessage("noise must be in [0.0, 1.0], got 2");
        assertThatThrownBy(() -> toy().set("steps", "0").set("epochs", "0").build(REGISTRY))
                .hasMessageContaining("steps and epochs are both 0");
    }

    @Test
    void aWrongValueFromAFileNamesTheFileTheKeyAndTheType() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "model: toy\nbatch-size: 10.5\n");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().mergeFile(file).build(REGISTRY))
                .hasMessage("spec file " + file + ": batch-size must be an integer in [1,"
                        + " 65536], got the number 10.5");
        Files.writeString(file, "model: toy\nbatch-size: sixteen\n");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().mergeFile(file).build(REGISTRY))
                .hasMessageContaining("spec file " + file + ": batch-size must be an integer")
                .hasMessageContaining("got the text 'sixteen'")
                .hasMessageNotContaining("jackson").hasMessageNotContaining("Node");
        // A later value set in code is not the file's.
        assertThatThrownBy(() -> SpecLoader.fromDefaults().mergeFile(file).set("batch-size",
                "7.5").build(REGISTRY)).hasMessageStartingWith("batch-size must be an integer");
    }

    @Test
    void aDuplicatedKeyInAFileIsAnError() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "model: toy\nbatch-size: 8\nbatch-size: 16\n");
        assertThatThrownBy(() -> SpecLoader.fromDefaults().mergeFile(file))
                .hasMessageContaining("does not parse")
                .hasMessageContaining("Duplicate field 'batch-size'");
    }

    @Test
    void anAliasSetsItsNetworksOptimizerWithPrecedenceKeptAcrossSpellings() throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "model: toy\noptimizers: {encoder: {lr: 0.3}}\n");
        RunSpec spec = SpecLoader.fromDefaults().mergeFile(file)
                .set("optimizer-e.lr", "0.2").build(REGISTRY);
        assertThat(spec.optimizer("encoder").settings()).containsEntry("lr", 0.2);
        RunSpec other = SpecLoader.fromDefaults().set("optimizer-e.lr", "0.2").mergeFile(file)
                .build(REGISTRY);
        assertThat(other.optimizer("encoder").settings()).containsEntry("lr", 0.3);
        assertThat(other.toTree().has("optimizer-e")).isFalse();
    }

    @Test
    void theLearningRateOfEveryNetworkIsALayerInOrder() {
        RunSpec spec = toy().setLearningRate(0.05).set("optimizers.decoder.lr", "0.07")
                .build(REGISTRY);
        assertThat(spec.optimizer("encoder").settings()).containsEntry("lr", 0.05);
        assertThat(spec.optimizer("decoder").settings()).containsEntry("lr", 0.07);
        RunSpec star = toy().set("optimizers.*.beta1", "0.5").build(REGISTRY);
        assertThat(star.optimizer("decoder").settings()).containsEntry("beta1", 0.5);
    }

    @Test
    void anotherOptimizerTypeKeepsTheSettingsItHasAndDropsTheRest() {
        RunSpec spec = toy().set("optimizers.encoder.type", "rmsprop").build(REGISTRY);
        assertThat(spec.optimizer("encoder").type()).isEqualTo("rmsprop");
        assertThat(spec.optimizer("encoder").settings())
                .isEqualTo(Map.of("lr", 0.01, "beta2", 0.999, "eps", 1e-8, "weight-decay", 0.0));
        RunSpec sgd = toy().set("optimizers.decoder", "{type: sgd, momentum: 0.9}")
                .build(REGISTRY);
        assertThat(sgd.optimizer("decoder").settings()).containsEntry("momentum", 0.9)
                .containsEntry("lr", 0.01).doesNotContainKey("beta1");
    }

    @Test
    void optimizerMistakesNameTheSettingOrTheNetwork() {
        assertThatThrownBy(() -> toy().set("optimizers.encoder.bta1", "0.5").build(REGISTRY))
                .hasMessageContaining("optimizers.encoder: optimizer 'adam' has no setting"
                        + " 'bta1'. Its settings: [lr, beta1, beta2, eps, weight-decay]");
        assertThatThrownBy(() -> toy().set("optimizers.generator.lr", "0.5").build(REGISTRY))
                .hasMessageContaining("procedure 'toy' trains no network 'generator'; its"
                        + " networks: [decoder, encoder]");
        assertThatThrownBy(() -> toy().set("optimizers.encoder.type", "adamw").build(REGISTRY))
                .hasMessageContaining("Unknown optimizer 'adamw'. Known optimizers: [adam,"
                        + " rmsprop, sgd]");
        assertThatThrownBy(() -> toy().set("optimizers.encoder.lr", "0").build(REGISTRY))
                .hasMessageContaining("optimizers.encoder (adam): option 'lr' must be in (0.0,"
                        + " 10.0], got 0");
    }

    @Test
    void scheduleByNameOrMapping() {
        RunSpec named = toy().set("schedule", "cosine").set("steps", "100").build(REGISTRY);
        assertThat(named.schedule()).isEqualTo(new ScheduleSpec("cosine",
                Map.of("warmup", 0, "min", 0.0)));
        RunSpec mapped = toy().set("schedule", "{type: linear, start: 10}").set("steps", "100")
                .build(REGISTRY);
        assertThat(mapped.schedule().settings()).containsEntry("start", 10);
        assertThatThrownBy(() -> toy().set("schedule", "{type: linear, min: 0.1}")
                .build(REGISTRY))
                .hasMessageContaining("'linear' has no setting 'min'");
    }

    @Test
    void theBuilderValidatesLikeAFileAndNeedsAModel() {
        RunSpec spec = RunSpec.builder().setModel("toy").optSteps(7).optBatchSize(4)
                .optOptimizer("decoder", OptimizerSpec.sgd(0.1, 0.5))
                .opt("noise", 0.3).optSchedule(ScheduleSpec.of("step", "every", 2))
                .build(REGISTRY);
        assertThat(spec.steps()).isEqualTo(7);
        assertThat(spec.optimizer("decoder").type()).isEqualTo("sgd");
        assertThat(spec.values()).containsEntry("noise", 0.3);
        assertThat(spec.schedule().settings()).containsEntry("every", 2);
        assertThatThrownBy(() -> RunSpec.builder().optSteps(3).build(REGISTRY))
                .hasMessageContaining("model must be set (setModel)");
        assertThatThrownBy(() -> RunSpec.builder().setModel("toy").opt("n-critic", 5)
                .build(REGISTRY))
                .hasMessageContaining("Unknown spec key 'n-critic'");
    }

    @Test
    void aStoredSpecResumesWithItsValuesAndLongerSteps() throws IOException {
        RunSpec stored = toy().set("noise", "0.25").set("optimizers.encoder.lr", "0.002")
                .build(REGISTRY);
        RunSpec again = SpecLoader.fromStored(new ObjectMapper().readTree(stored.toJson()))
                .setValue("steps", 99L).build(REGISTRY);
        assertThat(again.values()).containsEntry("noise", 0.25);
        assertThat(again.optimizer("encoder").settings()).containsEntry("lr", 0.002);
        assertThat(again.steps()).isEqualTo(99);
    }

    @Test
    void aStoredOptimizerSettingItsTypeNoLongerHasIsDropped() {
        ObjectNode stored = toy().build(REGISTRY).toTree();
        ((ObjectNode) stored.get("optimizers").get("encoder")).put("type", "rmsprop")
                .put("beta1", 0.5);
        RunSpec spec = SpecLoader.fromStored(stored).build(REGISTRY);
        assertThat(spec.optimizer("encoder").type()).isEqualTo("rmsprop");
        assertThat(spec.optimizer("encoder").settings()).doesNotContainKey("beta1");
    }

    @Test
    void aSpecReadsBackEqual() {
        RunSpec spec = toy().set("noise", "0.2").set("schedule", "linear").build(REGISTRY);
        assertThat(SpecLoader.fromJson(spec.toJson(), REGISTRY)).isEqualTo(spec);
        assertThat(spec.with(ToyKeys.noise(), 0.5).values()).containsEntry("noise", 0.5);
        assertThatThrownBy(() -> spec.with(ToyKeys.noise(), 5.0))
                .hasMessage("noise must be in [0.0, 1.0], got 5.0");
    }
}
