package org.gen4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.IdxWriter;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run machinery on a procedure it has never heard of (the core's toy autoencoder): the run
 * folder, metrics, pictures, the report, checkpoints, exact resume and its refusals.
 */
class TrainingRunTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    private static RunSpec spec(long steps, Object... keyValues) {
        var b = RunSpec.builder().setModel("toy").optData("gaussian-ring-8")
                .optDataOptions(Map.of("size", 640)).optBatchSize(32).optSteps(steps)
                .optCheckpointEvery(10).optLogEvery(5).optSampleCount(16);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.opt((String) keyValues[i], keyValues[i + 1]);
        }
        return b.build(REGISTRY);
    }

    private static void train(RunSpec spec, Path run) throws Exception {
        train(spec, run, false);
    }

    private static void train(RunSpec spec, Path run, boolean resume) throws Exception {
        try (TrainingRun r = resume ? TrainingRun.resume(spec, REGISTRY, run)
                : TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
    }

    @Test
    void aRunFolderHoldsWhatEveryProcedureGets() throws Exception {
        Path run = dir.resolve("run");
        train(spec(25), run);
        assertThat(run.resolve("spec.json")).exists();
        assertThat(Files.readAllLines(run.resolve("metrics.csv")).get(0))
                .isEqualTo("step,epoch,loss,seen,images_per_s");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + 5);
        assertThat(run.resolve("samples/epoch-001.png")).exists();
        assertThat(run.resolve("samples/epoch-002.png")).exists();
        assertThat(run.resolve("samples/reconstructions-epoch-002.png")).exists();
        assertThat(Files.readString(run.resolve("report.html"))).contains("loss", "seen",
                "finished", "toy");
        Path cp = run.resolve("checkpoints/step-00000025");
        assertThat(cp.resolve("encoder.params")).exists();
        assertThat(cp.resolve("decoder.optimizer")).exists();
        assertThat(cp.resolve("state-running-mean.ndlist")).exists();
        CheckpointState state = Checkpoints.readState(cp);
        assertThat(state.format()).isEqualTo(CheckpointState.FORMAT);
        assertThat(state.step()).isEqualTo(25);
        assertThat(state.trainer().procedure()).isEqualTo("toy");
        assertThat(state.metrics()).containsOnlyKeys("loss", "seen");
        assertThat(state.sampleShape()).containsExactly(2);
        assertThat(Files.readString(run.resolve("checkpoints/latest")).trim())
                .isEqualTo("step-00000025");
        assertThat(run.resolve("checkpoints/step-00000010")).doesNotExist();
    }

    @Test
    void resumeIsExactForAProcedureTheCoreDoesNotKnow() throws Exception {
        Path straight = dir.resolve("straight");
        train(spec(30), straight);
        Path resumed = dir.resolve("resumed");
        train(spec(14), resumed);
        RunSpec longer = TrainingRun.resumeLoader(resumed).setValue("steps", 30L)
                .build(REGISTRY);
        train(longer, resumed, true);
        for (String file : List.of("encoder.params", "decoder.params", "encoder.optimizer",
                "decoder.optimizer", "state-running-mean.ndlist")) {
            assertThat(Files.readAllBytes(resumed.resolve("checkpoints/step-00000030/" + file)))
                    .as(file).isEqualTo(Files.readAllBytes(
                            straight.resolve("checkpoints/step-00000030/" + file)));
        }
        // The same rows but images/s; the first run also logged its last step, 14.
        assertThat(loggedEveryFive(resumed)).isEqualTo(loggedEveryFive(straight));
    }

    private static List<String> loggedEveryFive(Path run) throws java.io.IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                .filter(l -> Long.parseLong(l.substring(0, l.indexOf(','))) % 5 == 0)
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void aRunInterruptedUnderAScheduleResumesToTheStraightRunsBytes() throws Exception {
        RunSpec spec = RunSpec.builder().setModel("toy").optData("gaussian-ring-8")
                .optDataOptions(Map.of("size", 640)).optBatchSize(32).optSteps(30)
                .optCheckpointEvery(10)
                .optSchedule(org.gen4j.core.optim.ScheduleSpec.of("cosine", "warmup", 5))
                .build(REGISTRY);
        Path straight = dir.resolve("straight");
        train(spec, straight);
        Path interrupted = dir.resolve("interrupted");
        try (TrainingRun r = TrainingRun.start(spec, REGISTRY, interrupted)) {
            assertThatThrownBy(() -> r.train(new RunListener() {
                @Override
                public void onStep(StepResult result, int epoch, double imagesPerSecond) {
                    if (result.step() == 13) {
                        throw new IllegalStateException("interrupted at 13");
                    }
                }
            })).hasMessage("interrupted at 13");
        }
        train(TrainingRun.resumeLoader(interrupted).build(REGISTRY), interrupted, true);
        for (String f : List.of("encoder.params", "decoder.optimizer")) {
            assertThat(Files.readAllBytes(interrupted.resolve("checkpoints/step-00000030/" + f)))
                    .as(f).isEqualTo(Files.readAllBytes(
                            straight.resolve("checkpoints/step-00000030/" + f)));
        }
    }

    @Test
    void resumingWithAnotherValueOfWhatIsTrainedIsRefused() throws Exception {
        Path run = dir.resolve("run");
        train(spec(10), run);
        RunSpec changed = TrainingRun.resumeLoader(run).set("noise", "0.3").set("steps", "20")
                .build(REGISTRY);
        assertThatThrownBy(() -> TrainingRun.resume(changed, REGISTRY, run))
                .hasMessageContaining("these keys differ: [noise (checkpoint: 0.1, now: 0.3)]")
                .hasMessageContaining("may change on resume");
    }

    @Test
    void classSubFoldersOfAnImageFolderAreLabels() throws Exception {
        Path data = dir.resolve("images");
        for (String cls : List.of("cats", "dogs")) {
            Files.createDirectories(data.resolve(cls));
            for (int i = 0; i < 8; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 4,
                        java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setSample(i % 4, i / 4, 0, cls.equals("cats") ? 200 : 50);
                javax.imageio.ImageIO.write(img, "png", data.resolve(cls + "/" + i + ".png")
                        .toFile());
            }
        }
        RunSpec spec = RunSpec.builder().setModel("toy").optData(data.toString())
                .optBatchSize(4).optSteps(6).opt("needs-labels", true).build(REGISTRY);
        Path run = dir.resolve("run");
        train(spec, run);
        CheckpointState state = Checkpoints.readState(Checkpoints.resolve(run));
        assertThat(state.numClasses()).isEqualTo(2);
        assertThat(state.fields()).containsExactly("images", "labels");
        assertThat(state.sampleShape()).containsExactly(1, 4, 4);
    }

    @Test
    void aFolderWithARunIsNotStartedAgain() throws Exception {
        Path run = dir.resolve("run");
        train(spec(10), run);
        assertThatThrownBy(() -> TrainingRun.start(spec(10), REGISTRY, run))
                .isInstanceOf(ExistingRunException.class)
                .hasMessageContaining("already holds a run")
                .hasMessageNotContaining("--");
    }

    @Test
    void aProcedureThatNeedsLabelsRefusesDataWithoutThemBeforeAnythingIsWritten()
            throws Exception {
        Path data = dir.resolve("unlabelled");
        Files.createDirectories(data);
        IdxWriter.writeImages(data.resolve("train-images-idx3-ubyte"), new float[64 * 4], 64, 2, 2);
        Path run = dir.resolve("run");
        RunSpec spec = RunSpec.builder().setModel("toy").optData(data.toString())
                .optBatchSize(8).optSteps(10).opt("needs-labels", true).build(REGISTRY);
        assertThatThrownBy(() -> TrainingRun.start(spec, REGISTRY, run))
                .hasMessageContaining("procedure 'toy' needs [class labels] in every batch, but"
                        + " the data ")
                .hasMessageContaining("unlabelled")
                .hasMessageContaining("class sub-folders");
        assertThat(run).doesNotExist();
    }

    @Test
    void aNonFiniteValueStopsTheRunAndKeepsTheLastCheckpoint() throws Exception {
        Path run = dir.resolve("run");
        assertThatThrownBy(() -> train(spec(30, "explode-at", 15.0), run))
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("at step 15")
                .hasMessageContaining("step-00000010, is kept");
        assertThat(Files.readString(run.resolve("report.html"))).contains("stopped");
        assertThat(Checkpoints.readState(Checkpoints.resolve(run)).step()).isEqualTo(10);
    }

    @Test
    void aTrainedModelSamplesAndDecodesLikeTheTrainer() throws Exception {
        Path run = dir.resolve("run");
        train(spec(12), run);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                NDManager m = NDManager.newBaseManager()) {
            assertThat(model.step()).isEqualTo(12);
            assertThat(model.sampleShape()).isEqualTo(new Shape(2));
            assertThat(model.numClasses()).isZero();
            assertThat(model.spec()).isEqualTo(SpecLoader.fromJson(
                    Files.readString(run.resolve("spec.json")), REGISTRY));
            float[] heap = model.sample(5, 3L, null, 2);
            NDArray inManager = model.sample(m, SampleRequest.of(5, new RandomStream(3)));
            assertThat(inManager.getManager()).isSameAs(m);
            assertThat(inManager.toFloatArray()).isEqualTo(heap);
            assertThat(model.latent()).isPresent();
            float[] z = new float[10];
            new RandomStream(3).fillGaussian(z, 1f);
            assertThat(model.generate(z, null, 4)).isEqualTo(heap);
            assertThatThrownBy(() -> model.sample(2, 1L, new int[] {0, 1}, 2))
                    .hasMessageContaining("is not conditional");
        }
    }

    @Test
    void theReportExistsFromTheFirstLoggedStep() throws Exception {
        Path run = dir.resolve("early-report");
        boolean[] seen = new boolean[1];
        try (TrainingRun r = TrainingRun.start(spec(12), REGISTRY, run)) {
            r.train(new RunListener() {
                @Override
                public void onStep(StepResult result, int epoch, double imagesPerSecond) {
                    if (result.step() == 6) {
                        // Step 5 was logged; the first epoch (20 steps) is far from over.
                        seen[0] = Files.exists(run.resolve("report.html"));
                    }
                }
            });
        }
        assertThat(seen[0]).as("report.html after the first logged step").isTrue();
    }
}
