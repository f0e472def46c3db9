package org.gen4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.engine.EngineFailureException;
import org.gen4j.core.engine.EngineSetup;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.report.MetricsLog;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.AtomicFiles;
import org.gen4j.core.util.Options;

/**
 * One training run of any procedure in a run folder: opens the data, builds the {@link Trainer},
 * trains, and writes what a person and a resumed run need. Nothing here knows the family.
 *
 * <p>The run folder holds {@code spec.json}, {@code metrics.csv} (the procedure's values and
 * images/s every {@code log-every} steps), {@code samples/} (the procedure's pictures after every
 * epoch), {@code report.html} (curves and pictures) and {@code checkpoints/}. A run that stops on
 * a non-finite value keeps its last good checkpoint.
 */
public final class TrainingRun implements AutoCloseable {

    /** The column of {@code metrics.csv} that holds the training speed. */
    static final String IMAGES_PER_S = "images_per_s";

    private final RunSpec spec;
    private final Path runDir;
    private final SampleSet data;
    private final DataInfo dataInfo;
    private final NDManager manager;
    private final ProcedureTrainer trainer;
    private final BatchLoader loader;
    private final long totalSteps;
    private final long stepsPerEpoch;
    private final PictureWriter pictures;
    private final ReportWriter report;
    private RunLock lock;
    private volatile boolean stopRequested;
    private volatile boolean stopped;

    private TrainingRun(RunSpec spec, Registry registry, Path runDir, CheckpointState resumeFrom,
            Path checkpointDir) throws IOException {
        this.spec = spec;
        this.runDir = runDir;
        EngineSetup.requireEngine();
        this.data = DataSources.open(spec.data(),
                new Options("data '" + spec.data() + "'", spec.dataOptions()), spec.seed(),
                registry::dataset);
        this.dataInfo = dataInfo(data);
        int batches = data.size() / spec.batchSize();
        this.manager = NDManager.newBaseManager();
        ProcedureTrainer t = null;
        BatchLoader l = null;
        try {
            TrainingProcedure procedure = ProcedureTrainer.buildProcedure(spec, registry,
                    dataInfo);
            checkFields(procedure, spec.procedure());
            int perStep = procedure.batchesPerStep();
            if (batches < perStep) {
                throw new IllegalArgumentException("data " + data.description() + " has "
                        + data.size() + " samples: too few for batch-size " + spec.batchSize()
                        + " and " + perStep + " batches per step (need at least "
                        + (long) spec.batchSize() * perStep + ")");
            }
            this.stepsPerEpoch = batches / perStep;
            this.totalSteps = spec.totalSteps(stepsPerEpoch);
            t = ProcedureTrainer.create(procedure, spec, registry, dataInfo, totalSteps,
                    manager);
            BatchLoader.State start = BatchLoader.initialState(spec.seed());
            if (resumeFrom != null) {
                t.restore(checkpointDir, resumeFrom.trainer());
                start = resumeFrom.data();
            }
            l = BatchLoader.resume(data, spec.batchSize(), start);
        } catch (IOException | RuntimeException e) {
            if (t != null) {
                t.close();
            }
            manager.close();
            throw e;
        }
        this.trainer = t;
        this.loader = l;
        this.pictures = new PictureWriter(runDir, data);
        this.report = new ReportWriter(spec, runDir, data, t.procedure(), totalSteps,
                stepsPerEpoch);
    }

    private void checkFields(TrainingProcedure procedure, String name) {
        Set<BatchField> missing = new TreeSet<>(java.util.Comparator.comparing(BatchField::name));
        missing.addAll(procedure.requiredFields());
        missing.removeAll(dataInfo.fields());
        if (!missing.isEmpty()) {
            List<String> what = missing.stream().map(BatchField::description).toList();
            throw new IllegalArgumentException("procedure '" + name + "' needs " + what
                    + " in every batch, but the data " + data.description() + " has none"
                    + (missing.contains(BatchField.LABELS) ? " (labels come from an IDX label"
                            + " file beside the images, or from class sub-folders of an image"
                            + " folder)" : ""));
        }
    }

    /** What a procedure is told of a data set. */
    static DataInfo dataInfo(SampleSet data) {
        Set<BatchField> fields = new HashSet<>(data.fieldShapes().keySet());
        fields.add(BatchField.IMAGES);
        if (data.hasLabels()) {
            fields.add(BatchField.LABELS);
        }
        return new DataInfo(data.sampleShape(), data.numClasses(), fields, data.description(),
                data.fieldShapes());
    }

    private static Map<String, long[]> fieldShapes(DataInfo data) {
        Map<String, long[]> shapes = new TreeMap<>();
        data.fieldShapes().forEach((f, shape) -> shapes.put(f.name(), shape.getShape()));
        return shapes;
    }

    /**
     * Starts a new run in {@code runDir}.
     *
     * @throws ExistingRunException if the folder already holds a checkpoint
     * @throws IllegalArgumentException if a component cannot be built or the data does not fit
     */
    public static TrainingRun start(RunSpec spec, Registry registry, Path runDir)
            throws IOException {
        Objects.requireNonNull(spec, "spec is null");
        if (Checkpoints.holdsRun(runDir)) {
            throw new ExistingRunException(runDir);
        }
        RunFolders.checkWritable(runDir);
        // Build every component before the folder is created, so that an unknown name or data
        // that does not fit leaves nothing behind.
        TrainingRun run = new TrainingRun(spec, registry, runDir, null, null);
        try {
            RunFolders.prepare(runDir);
            run.lock = RunLock.acquire(runDir);
            if (Checkpoints.holdsRun(runDir)) {
                // Another start won the race between the first check and the lock.
                throw new ExistingRunException(runDir);
            }
            AtomicFiles.writeString(runDir.resolve("spec.json"), spec.toJson());
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Resumes the run in {@code runDir} from its newest checkpoint with {@code spec}, which may
     * differ from the stored spec only in {@link org.gen4j.core.spec.CommonKeys#RESUMABLE}.
     *
     * @throws IllegalArgumentException if there is no checkpoint, or the spec changes what is
     *     trained
     */
    public static TrainingRun resume(RunSpec spec, Registry registry, Path runDir)
            throws IOException {
        Objects.requireNonNull(spec, "spec is null");
        RunFolders.prepare(runDir);
        RunLock lock = RunLock.acquire(runDir);
        TrainingRun run = null;
        try {
            Path dir = Checkpoints.resolve(runDir);
            CheckpointState state = Checkpoints.readState(dir);
            RunFolders.checkCompatible(state.spec(), spec, registry, dir);
            String engine = EngineSetup.requireEngine();
            if (!engine.equals(state.engine())) {
                org.slf4j.LoggerFactory.getLogger(TrainingRun.class).warn("Resuming a"
                        + " checkpoint written by {} on {}: weights carry over, but results will"
                        + " not match a straight run bitwise", state.engine(), engine);
            }
            run = new TrainingRun(spec, registry, runDir, state, dir);
            run.lock = lock;
            RunFolders.checkNotShrinking(run.totalSteps, state.step(), dir);
            AtomicFiles.writeString(runDir.resolve("spec.json"), spec.toJson());
            return run;
        } catch (IOException | RuntimeException e) {
            if (run != null) {
                run.close();
            } else {
                lock.close();
            }
            throw e;
        }
    }

    /** The spec stored with a run's newest checkpoint, resolved against the registry. */
    public static RunSpec storedSpec(Path runDir, Registry registry) {
        CheckpointState state = Checkpoints.readState(Checkpoints.resolve(runDir));
        return SpecLoader.fromStored(state.spec()).build(registry);
    }

    /** A loader for a resumed run: the stored spec, to which a caller adds longer steps. */
    public static SpecLoader resumeLoader(Path runDir) {
        CheckpointState state = Checkpoints.readState(Checkpoints.resolve(runDir));
        return SpecLoader.fromStored(state.spec());
    }

    /** Total steps this run trains to. */
    public long totalSteps() {
        return totalSteps;
    }

    /** Steps in one epoch of the data. */
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The trainer. */
    public Trainer trainer() {
        return trainer;
    }

    /** The data set. */
    public SampleSet data() {
        return data;
    }

    /** The run folder. */
    public Path folder() {
        return runDir;
    }

    /**
     * Trains from the current step to {@link #totalSteps()}, writing metrics, pictures, the
     * report and checkpoints.
     *
     * @throws NonFiniteLossException when a value is NaN or infinite (the last good checkpoint is
     *     kept and the report is written first)
     */
    public void train(RunListener listener) throws IOException {
        RunListener l = listener == null ? new RunListener() {} : listener;
        long step = trainer.stepCount();
        l.onStart(step, totalSteps, stepsPerEpoch, data.description());
        List<String> columns = new ArrayList<>(trainer.procedure().metrics());
        columns.add(IMAGES_PER_S);
        MetricsLog metrics = MetricsLog.open(runDir, columns);
        metrics.truncateAfter(step);
        long start = System.nanoTime();
        long windowStart = start;
        long windowSteps = 0;
        double rate = 0;
        int epoch = loader.state().epoch();
        long imagesPerStep = (long) spec.batchSize() * trainer.procedure().batchesPerStep();
        StepResult last = null;
        try {
            while (step < totalSteps) {
                last = trainer.step(loader::next);
                step = last.step();
                windowSteps++;
                long now = System.nanoTime();
                if (now - windowStart > 2_000_000_000L || step == totalSteps) {
                    rate = windowSteps * imagesPerStep / ((now - windowStart) / 1e9);
                    windowStart = now;
                    windowSteps = 0;
                }
                int nextEpoch = loader.state().epoch();
                l.onStep(last, epoch + 1, rate);
                if (step % spec.logEvery() == 0 || step == totalSteps) {
                    metrics.append(step, epoch + 1, row(last, rate));
                    if (!report.written()) {
                        // A report from the first logged step, not only after the first epoch.
                        report.write(metrics, "training");
                    }
                }
                if (nextEpoch != epoch || step == totalSteps) {
                    List<Path> files = writePictures(epoch + 1);
                    l.onSamples(files.get(0), epoch + 1, step);
                    report.write(metrics, "training");
                }
                epoch = nextEpoch;
                boolean stop = stopRequested && step < totalSteps;
                if (step % spec.checkpointEvery() == 0 || step == totalSteps || stop) {
                    l.onCheckpoint(checkpoint(last, epoch), step);
                }
                if (stop) {
                    stopped = true;
                    report.write(metrics, "stopped at step " + step + " on request; resumable");
                    return;
                }
            }
        } catch (NonFiniteLossException e) {
            NonFiniteLossException named = e.withKeptCheckpoint(latestCheckpoint());
            report.write(metrics, "stopped: " + named.getMessage());
            throw named;
        } catch (EngineFailureException e) {
            String kept = latestCheckpoint();
            EngineFailureException named = e.withKept(kept == null
                    ? "no checkpoint had been written yet" : "the last good checkpoint, " + kept
                    + ", is kept");
            report.write(metrics, "stopped: " + named.getMessage());
            throw named;
        }
        report.write(metrics, "finished");
        l.onEnd(step, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Asks the run to stop at the end of the current step, with a checkpoint of that step: the
     * way to end a run early without losing anything (the CLI calls it on SIGINT and SIGTERM).
     * {@link #train} then returns normally and {@link #stoppedOnRequest} is true. Safe to call
     * from any thread.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether the last {@link #train} ended early on {@link #requestStop}. */
    public boolean stoppedOnRequest() {
        return stopped;
    }

    private static double[] row(StepResult r, double rate) {
        double[] v = new double[r.values().length + 1];
        for (int i = 0; i < r.values().length; i++) {
            v[i] = r.values()[i];
        }
        v[v.length - 1] = rate;
        return v;
    }

    /** The name of the newest published checkpoint, or null when there is none. */
    private String latestCheckpoint() throws IOException {
        List<Path> all = Checkpoints.published(Checkpoints.folder(runDir));
        return all.isEmpty() ? null : all.get(all.size() - 1).getFileName().toString();
    }

    private Path checkpoint(StepResult last, int epoch) throws IOException {
        Map<String, Float> values = new LinkedHashMap<>();
        for (int i = 0; i < last.names().size(); i++) {
            values.put(last.names().get(i), last.values()[i]);
        }
        List<String> fields = dataInfo.fields().stream().map(BatchField::name).sorted().toList();
        CheckpointState state = new CheckpointState(CheckpointState.FORMAT, epoch,
                Engine.getInstance().getEngineName(), loader.state(), spec.toTree(), values,
                data.sampleShape().getShape(), dataInfo.numClasses(), fields, null,
                fieldShapes(dataInfo));
        return Checkpoints.write(runDir, trainer, state, spec.keepCheckpoints());
    }

    private List<Path> writePictures(int epoch) throws IOException {
        try (NDManager m = manager.newSubManager()) {
            List<Picture> list = trainer.pictures(m, spec.sampleCount(), data);
            return pictures.write(list, epoch);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
            trainer.close();
            manager.close();
        } finally {
            if (lock != null) {
                lock.close();
                lock = null;
            }
        }
    }
}
