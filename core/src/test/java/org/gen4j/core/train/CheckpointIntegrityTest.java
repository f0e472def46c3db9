package org.gen4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What gen4j promises about its checkpoints, on real files: every file is checked against the
 * manifest, a completed checkpoint is never ignored, one process trains a folder at a time, a
 * killed run resumes from its newest complete checkpoint, and a resume never shrinks a run.
 */
class CheckpointIntegrityTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static RunSpec spec(long steps) {
        return RunSpec.builder().setModel("toy").optData("gaussian-ring-8")
                .optDataOptions(java.util.Map.of("size", 640)).optBatchSize(32)
                .optSteps(steps).optCheckpointEvery(10).optLogEvery(5).optSampleCount(16)
                .build(REGISTRY);
    }

    private static void train(RunSpec spec, Path run, boolean resume) throws IOException {
        try (TrainingRun r = resume ? TrainingRun.resume(spec, REGISTRY, run)
                : TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
    }

    private Path twoCheckpoints() throws IOException {
        Path run = dir.resolve("run");
        train(spec(20), run, false);
        assertThat(run.resolve("checkpoints/step-00000010/manifest.json")).exists();
        assertThat(run.resolve("checkpoints/step-00000020/manifest.json")).exists();
        return run;
    }

    private static Path params(Path checkpoint) throws IOException {
        try (var s = Files.list(checkpoint)) {
            return s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        }
    }

    @Test
    void sameSizeGarbageInAParameterFileIsFoundAndTheOlderCheckpointNamed() throws IOException {
        Path run = twoCheckpoints();
        Path newest = run.resolve("checkpoints/step-00000020");
        Path file = params(newest);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x5a;
        Files.write(file, bytes);
        String older = run.resolve("checkpoints/step-00000010").toAbsolutePath().toString();
        for (var load : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> TrainedModel.load(run, REGISTRY).close(),
                () -> train(spec(30), run, true),
                () -> Checkpoints.readState(newest))) {
            assertThatThrownBy(load).isInstanceOf(CorruptCheckpointException.class)
                    .hasMessageContaining("checkpoint " + newest + " is damaged")
                    .hasMessageContaining(file.getFileName() + " has SHA-256")
                    .hasMessageContaining("its content was changed")
                    .hasMessageContaining("the older checkpoint " + older + " is complete");
        }
        // The way out the message gives: move the damaged one aside, and the run resumes.
        Files.move(newest, dir.resolve("damaged"));
        train(spec(30), run, true);
        assertThat(Checkpoints.readState(Checkpoints.resolve(run)).step()).isEqualTo(30);
    }

    @Test
    void truncatedMissingForeignFilesAndALostManifestAreNamed() throws IOException {
        Path run = twoCheckpoints();
        Path cp = run.resolve("checkpoints/step-00000020");
        Path file = params(cp);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> Checkpoints.readState(cp))
                .hasMessageContaining(file.getFileName() + " has " + (bytes.length - 10)
                        + " bytes, but " + bytes.length + " were written (truncated)");
        Files.delete(file);
        assertThatThrownBy(() -> Checkpoints.readState(cp))
                .hasMessageContaining(file.getFileName() + " is missing");
        Files.write(file, bytes);
        Checkpoints.readState(cp);
        Files.writeString(cp.resolve("stray.params"), "x");
        assertThatThrownBy(() -> Checkpoints.readState(cp))
                .hasMessageContaining("stray.params was not written with the checkpoint");
        Files.delete(cp.resolve("stray.params"));
        Files.delete(cp.resolve("manifest.json"));
        assertThatThrownBy(() -> Checkpoints.readState(cp))
                .hasMessageContaining("manifest.json is missing");
        Files.writeString(cp.resolve("manifest.json"), "{ not json");
        assertThatThrownBy(() -> Checkpoints.readState(cp))
                .hasMessageContaining("manifest.json does not parse");
    }

    @Test
    void aPublishedCheckpointIsUsedWhateverLatestSays() throws IOException {
        Path run = twoCheckpoints();
        // A kill between publishing step 20 and updating latest leaves latest at step 10.
        Files.writeString(run.resolve("checkpoints/latest"), "step-00000010\n");
        assertThat(Checkpoints.resolve(run).getFileName().toString()).isEqualTo("step-00000020");
        Files.delete(run.resolve("checkpoints/latest"));
        assertThat(Checkpoints.resolve(run).getFileName().toString()).isEqualTo("step-00000020");
        // A half-written checkpoint (never renamed into place) is not one.
        Files.createDirectories(run.resolve("checkpoints/.step-00000030.tmp"));
        train(spec(30), run, true);
        assertThat(Checkpoints.readState(Checkpoints.resolve(run)).step()).isEqualTo(30);
    }

    @Test
    void aFolderWithAnotherRunsFilesIsNotWrittenOver() throws IOException {
        Path run = twoCheckpoints();
        Files.delete(run.resolve("checkpoints/latest"));
        byte[] before = Files.readAllBytes(run.resolve("spec.json"));
        assertThatThrownBy(() -> train(spec(20), run, false))
                .isInstanceOf(ExistingRunException.class)
                .hasMessageContaining("already holds a run");
        assertThat(Files.readAllBytes(run.resolve("spec.json"))).isEqualTo(before);
        // The checkpoints alone, with neither latest nor spec.json, are still a run.
        Files.delete(run.resolve("spec.json"));
        assertThatThrownBy(() -> train(spec(20), run, false))
                .isInstanceOf(ExistingRunException.class);
        // A run that stopped before its first checkpoint left nothing to resume: a new start
        // may use its folder.
        Path early = dir.resolve("early");
        Files.createDirectories(early);
        Files.writeString(early.resolve("spec.json"), "{}");
        train(spec(10), early, false);
        assertThat(Checkpoints.readState(Checkpoints.resolve(early)).step()).isEqualTo(10);
    }

    @Test
    void aShrinkingResumeIsRefusedAndChangesNothing() throws IOException {
        Path run = twoCheckpoints();
        byte[] before = Files.readAllBytes(run.resolve("spec.json"));
        assertThatThrownBy(() -> train(spec(15), run, true))
                .hasMessageContaining("has trained 20 steps, more than the 15 asked for")
                .hasMessageContaining("nothing was changed");
        assertThat(Files.readAllBytes(run.resolve("spec.json"))).isEqualTo(before);
        train(spec(20), run, true);
        assertThat(Checkpoints.readState(Checkpoints.resolve(run)).step()).isEqualTo(20);
    }

    @Test
    void oneTrainingPerFolderInThisProcess() throws IOException {
        Path run = twoCheckpoints();
        try (TrainingRun first = TrainingRun.resume(spec(40), REGISTRY, run)) {
            assertThatThrownBy(() -> TrainingRun.resume(spec(40), REGISTRY, run))
                    .isInstanceOf(RunFolderInUseException.class)
                    .hasMessageContaining("is in use by another training (pid "
                            + ProcessHandle.current().pid());
            first.train(null);
        }
        train(spec(50), run, true);
    }

    /** Starts {@link ChildTraining} in a JVM of its own, with this JVM's class path and engine. */
    private static Process child(Path run, long steps) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("gen4j.")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildTraining.class.getName());
        cmd.add(run.toString());
        cmd.add(Long.toString(steps));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void aKilledTrainingResumesFromItsNewestCompleteCheckpointAndHeldTheFolder()
            throws Exception {
        Path run = dir.resolve("killed");
        Process p = child(run, 1_000_000);
        long announced = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (announced < 4 && (line = out.readLine()) != null) {
                if (line.startsWith("checkpoint ")) {
                    announced = Long.parseLong(line.substring(11).trim());
                }
            }
            assertThat(announced).as("the child published checkpoints").isGreaterThanOrEqualTo(4);
            // While it trains, the folder is refused to this process.
            assertThatThrownBy(() -> TrainingRun.resume(ChildTraining.spec(REGISTRY, 2_000_000),
                    REGISTRY, run)).isInstanceOf(RunFolderInUseException.class);
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        // Every checkpoint left is complete, the newest at least the last one announced.
        for (Path cp : Checkpoints.published(Checkpoints.folder(run))) {
            Checkpoints.readState(cp);
        }
        long newest = Checkpoints.readState(Checkpoints.resolve(run)).step();
        assertThat(newest).isGreaterThanOrEqualTo(announced);
        RunSpec more = ChildTraining.spec(REGISTRY, newest + 3);
        try (TrainingRun r = TrainingRun.resume(more, REGISTRY, run)) {
            r.train(null);
        }
        assertThat(Checkpoints.readState(Checkpoints.resolve(run)).step())
                .isEqualTo(newest + 3);
    }

    @Test
    void aNonFiniteParameterStopsTheCheckpointAndKeepsTheLastGoodOne() throws IOException {
        Path run = twoCheckpoints();
        try (TrainingRun r = TrainingRun.resume(spec(30), REGISTRY, run)) {
            ProcedureTrainer t = (ProcedureTrainer) r.trainer();
            String network = t.allParameters().keySet().iterator().next();
            var p = t.parameters(network).get(0);
            float[] w = p.parameter().getArray().toFloatArray();
            w[0] = Float.NaN;
            p.parameter().getArray().set(w);
            CheckpointState last = Checkpoints.readState(Checkpoints.resolve(run));
            assertThatThrownBy(() -> Checkpoints.write(run, t, last, 2))
                    .isInstanceOf(NonFiniteLossException.class)
                    .hasMessageContaining("Training state: parameter ")
                    .hasMessageContaining(" of network " + network)
                    .hasMessageContaining("became NaN by step 20 while the losses stayed finite");
        }
        assertThat(Checkpoints.resolve(run).getFileName().toString()).isEqualTo("step-00000020");
        try (var s = Files.list(Checkpoints.folder(run))) {
            assertThat(s.map(x -> x.getFileName().toString()))
                    .noneMatch(n -> n.contains("tmp"));
        }
    }

    @Test
    void anEmptyPathOrAFileSystemRootIsNoRunFolder() {
        assertThatThrownBy(() -> train(spec(10), Path.of(""), false))
                .hasMessageContaining("the run folder is an empty path");
        assertThatThrownBy(() -> train(spec(10), Path.of("/"), false))
                .hasMessageContaining("run folder / is a file-system root");
        assertThatThrownBy(() -> train(spec(10), Path.of("/"), true))
                .hasMessageContaining("is a file-system root");
    }
}
