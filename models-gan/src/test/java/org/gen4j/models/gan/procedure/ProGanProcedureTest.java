package org.gen4j.models.gan.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gen4j.models.gan.GanFixtures.REGISTRY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progan procedure: its growth schedule step by step, a resume inside a fade-in phase that
 * ends bit for bit where a straight run does, a longer resume that keeps the saved phases, and
 * sampling at the checkpoint's stage.
 */
class ProGanProcedureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theScheduleRunsStableFadeStableForEachStage() {
        List<String> seen = new ArrayList<>();
        for (long step = 1; step <= 10; step++) {
            seen.add(Growth.stage(step, 2, 3) + "@" + Growth.alpha(step, 2, 3));
        }
        assertThat(seen).containsExactly("0@1.0", "0@1.0", "1@0.5", "1@1.0", "1@1.0", "1@1.0",
                "2@0.5", "2@1.0", "2@1.0", "2@1.0");
    }

    private static RunSpec.Builder small(long steps) {
        return RunSpec.builder().setModel("progan").optBatchSize(8).optSteps(steps).optSeed(2)
                .optModelOptions(Map.of("width", 4)).opt("latent-size", 8).opt("phase-steps", 3)
                .optSampleCount(4).optCheckpointEvery(5);
    }

    private static JsonNode state(Path run, int step) throws Exception {
        return JSON.readTree(run.resolve(String.format("checkpoints/step-%08d/state.json", step))
                .toFile());
    }

    private static JsonNode procedureState(JsonNode state) {
        JsonNode found = state.findValue("progan-phase-steps") == null ? null
                : state.findParent("progan-phase-steps");
        assertThat(found).as("the growth position in %s", state).isNotNull();
        return found;
    }

    /**
     * With {@code reuse-fakes} the generator is never frozen within a step: this caught MXNet
     * carrying the last gradient of a layer ProGAN had grown past into every later update.
     */
    @ParameterizedTest(name = "reuse-fakes {0}")
    @ValueSource(booleans = {false, true})
    void aRunResumedInsideAFadeInEndsBitForBitWhereAStraightRunDoes(boolean reuse)
            throws Exception {
        Path straight = dir.resolve("straight");
        try (TrainingRun r = TrainingRun.start(small(10).opt("reuse-fakes", reuse)
                .build(REGISTRY), REGISTRY, straight)) {
            r.train(null);
        }
        Path resumed = dir.resolve("resumed");
        try (TrainingRun r = TrainingRun.start(small(5).opt("reuse-fakes", reuse)
                .build(REGISTRY), REGISTRY, resumed)) {
            r.train(null);
        }
        JsonNode at5 = procedureState(state(resumed, 5));
        assertThat(at5.get("progan-stage").asInt()).as("step 5 of phase 2 (a fade-in)")
                .isEqualTo(1);
        assertThat(at5.get("progan-alpha").asDouble()).isBetween(0.6, 0.7);
        RunSpec longer = TrainingRun.resumeLoader(resumed).setValue("steps", 10L)
                .build(REGISTRY);
        try (TrainingRun r = TrainingRun.resume(longer, REGISTRY, resumed)) {
            r.train(null);
        }
        for (String f : List.of("generator.params", "discriminator.params",
                "generator.optimizer", "discriminator.optimizer")) {
            assertThat(Files.readAllBytes(resumed.resolve("checkpoints/step-00000010/" + f)))
                    .as(f).isEqualTo(Files.readAllBytes(
                            straight.resolve("checkpoints/step-00000010/" + f)));
        }
        try (TrainedModel model = TrainedModel.load(straight, REGISTRY)) {
            float[] x = model.sample(2, 1L, null, 2);
            assertThat(x).hasSize(2 * 28 * 28);
        }
    }

    @Test
    void anAutomaticScheduleIsKeptWhenAResumedRunTrainsLonger() throws Exception {
        Path run = dir.resolve("auto");
        RunSpec spec = small(10).opt("phase-steps", 0).build(REGISTRY);
        try (TrainingRun r = TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
        assertThat(procedureState(state(run, 10)).get("progan-phase-steps").asLong())
                .as("10 steps over 5 phases").isEqualTo(2);
        RunSpec longer = TrainingRun.resumeLoader(run).setValue("steps", 30L).build(REGISTRY);
        try (TrainingRun r = TrainingRun.resume(longer, REGISTRY, run)) {
            r.train(null);
        }
        JsonNode at30 = procedureState(state(run, 30));
        assertThat(at30.get("progan-phase-steps").asLong()).isEqualTo(2);
        assertThat(at30.get("progan-stage").asInt()).isEqualTo(2);
    }

    @Test
    void itRefusesOtherNetworksAndTheInitialisationKey() {
        assertThatThrownBy(() -> RunSpec.builder().setModel("progan").opt("init-std", 0.02)
                .build(REGISTRY)).hasMessageContaining("'init-std' is not used by procedure"
                        + " 'progan'");
        RunSpec dcgan = RunSpec.builder().setModel("dcgan").optProcedure("progan").optSteps(1)
                .build(REGISTRY);
        assertThatThrownBy(() -> TrainingRun.start(dcgan, REGISTRY, dir.resolve("x")))
                .hasMessageContaining("procedure progan grows the progan networks");
    }
}
