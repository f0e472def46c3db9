package org.gen4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.image.ImageGrid;
import org.gen4j.core.image.ScatterPlot;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.model.NetworkSpec;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.report.MetricsLog;
import org.gen4j.core.report.MetricsTable;
import org.gen4j.core.report.RunReport;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.AtomicFiles;
import org.gen4j.core.util.Options;

/**
 * One GAN training run in a run folder: builds the components a {@link RunSpec} names, trains,
 * and writes what a person and a resumed run need.
 *
 * <p>The run folder holds {@code spec.json}, {@code metrics.csv} (a row every {@code log-every}
 * steps), {@code samples/epoch-NNN.png} (a grid from fixed noise after every epoch), {@code
 * report.html} (loss curves and grids) and {@code checkpoints/}. A run that stops on a non-finite
 * loss keeps its last good checkpoint.
 */
public final class GanRun implements AutoCloseable {

    /** Spec keys a resumed run may change: how long and how often, not what is trained. */
    public static final Set<String> RESUMABLE_CHANGES =
            Set.of("steps", "epochs", "checkpoint-every", "keep-checkpoints", "log-every");

    private static final List<String> METRICS = List.of("loss_d", "loss_g", "penalty", "images_per_s");

    private final RunSpec spec;
    private final Path runDir;
    private final SampleSet data;
    private final NDManager manager;
    private final GanTrainer trainer;
    private final BatchLoader loader;
    private final long totalSteps;
    private final int stepsPerEpoch;
    private final float[] gridNoise;

    private GanRun(RunSpec spec, Registry registry, Path runDir, CheckpointState resumeFrom,
            Path checkpointDir) throws IOException {
        this.spec = spec;
        this.runDir = runDir;
        this.data = DataSources.open(spec.data(),
                new Options("data '" + spec.data() + "'", spec.dataOptions()), spec.seed(),
                registry::dataset);
        Shape sampleShape = data.sampleShape();
        Generator g = registry.generator(spec.model()).create(new NetworkSpec(sampleShape,
                spec.latentSize(), new Options("model '" + spec.model() + "'", spec.modelOptions())));
        var loss = registry.loss(spec.loss())
                .create(new Options("loss '" + spec.loss() + "'", spec.lossOptions()));
        List<WeightedRegularizer> regs = new ArrayList<>();
        for (RegularizerSpec r : spec.regularizers()) {
            RegularizerFactory factory = registry.regularizer(r.name());
            regs.add(new WeightedRegularizer(factory.create(
                    new Options("regularizer '" + r.name() + "'", r.options())),
                    r.weight() == null ? factory.defaultWeight() : r.weight()));
        }
        boolean batchNormAllowed = regs.stream().noneMatch(r -> r.regularizer().forbidsBatchNorm());
        Discriminator d = registry.discriminator(spec.discriminatorName()).create(new NetworkSpec(
                sampleShape, spec.latentSize(),
                new Options("model '" + spec.discriminatorName() + "'", spec.modelOptions()),
                batchNormAllowed));
        CriticContext probe = new CriticContext(d, null, null, null, null, null);
        for (WeightedRegularizer r : regs) {
            r.regularizer().checkSupported(probe);
        }
        int batches = data.size() / spec.batchSize();
        if (batches < spec.nCritic()) {
            throw new IllegalArgumentException("data " + data.description() + " has " + data.size()
                    + " samples: too few for batch-size " + spec.batchSize() + " and n-critic "
                    + spec.nCritic() + " (need at least " + (long) spec.batchSize() * spec.nCritic()
                    + ")");
        }
        this.stepsPerEpoch = batches / spec.nCritic();
        this.totalSteps = spec.steps() > 0 ? spec.steps() : (long) spec.epochs() * stepsPerEpoch;
        this.manager = NDManager.newBaseManager();
        GanTrainer t = null;
        try {
            t = new GanTrainer(new GanSetup(g, d, loss, regs, spec.nCritic(), spec.batchSize(),
                    spec.optimizerG(), spec.optimizerD(), spec.seed(), 0.02f), manager);
            BatchLoader.State start = BatchLoader.initialState(spec.seed());
            if (resumeFrom != null) {
                t.restore(checkpointDir, resumeFrom.step(), resumeFrom.noise());
                start = resumeFrom.data();
            }
            this.trainer = t;
            this.loader = BatchLoader.resume(data, spec.batchSize(), start);
        } catch (IOException | RuntimeException e) {
            if (t != null) {
                t.close();
            }
            manager.close();
            throw e;
        }
        this.gridNoise = new float[spec.sampleCount() * spec.latentSize()];
        RandomStream.derive(spec.seed(), "grid").fillGaussian(gridNoise, 1f);
    }

    /**
     * The spec with every regularizer's weight written out (a missing weight takes the
     * regularizer's default), so that the stored spec records the value the run used.
     */
    static RunSpec resolveWeights(RunSpec spec, Registry registry) {
        List<RegularizerSpec> resolved = new ArrayList<>();
        for (RegularizerSpec r : spec.regularizers()) {
            double w = r.weight() != null ? r.weight()
                    : registry.regularizer(r.name()).defaultWeight();
            resolved.add(new RegularizerSpec(r.name(), w, r.options()));
        }
        return new RunSpec(spec.preset(), spec.model(), spec.discriminator(), spec.modelOptions(),
                spec.latentSize(), spec.loss(), spec.lossOptions(), resolved, spec.data(),
                spec.dataOptions(), spec.batchSize(), spec.steps(), spec.epochs(), spec.nCritic(),
                spec.optimizerG(), spec.optimizerD(), spec.seed(), spec.checkpointEvery(),
                spec.keepCheckpoints(), spec.logEvery(), spec.sampleCount());
    }

    /**
     * Starts a new run in {@code runDir}.
     *
     * @throws IllegalArgumentException if the folder already holds a checkpoint (resume it, or
     *     choose another folder), or a component cannot be built
     */
    public static GanRun start(RunSpec spec, Registry registry, Path runDir) throws IOException {
        spec = resolveWeights(Objects.requireNonNull(spec, "spec is null").validate(), registry);
        if (Files.exists(Checkpoints.folder(runDir).resolve("latest"))) {
            throw new IllegalArgumentException("run folder " + runDir + " already holds a run:"
                    + " resume it with --resume, or choose another --out folder");
        }
        checkWritable(runDir);
        // Build every component before the folder is created, so that an unknown name or data
        // that does not fit leaves nothing behind.
        GanRun run = new GanRun(spec, registry, runDir, null, null);
        try {
            prepareFolder(runDir);
            AtomicFiles.writeString(runDir.resolve("spec.json"), SpecLoader.toJson(spec));
        } catch (IOException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * Resumes the run in {@code runDir} from its newest checkpoint with {@code spec}, which may
     * differ from the stored spec only in {@link #RESUMABLE_CHANGES}.
     *
     * @throws IllegalArgumentException if there is no checkpoint, or the spec changes what is trained
     */
    public static GanRun resume(RunSpec spec, Registry registry, Path runDir) throws IOException {
        Objects.requireNonNull(spec, "spec is null").validate();
        prepareFolder(runDir);
        Path dir = Checkpoints.resolve(runDir);
        CheckpointState state = Checkpoints.readState(dir);
        checkCompatible(state.spec(), spec, dir);
        String engine = Engine.getInstance().getEngineName();
        if (!engine.equals(state.engine())) {
            org.slf4j.LoggerFactory.getLogger(GanRun.class).warn("Resuming a checkpoint written"
                    + " by {} on {}: weights carry over, but results will not match a straight run"
                    + " bitwise", state.engine(), engine);
        }
        GanRun run = new GanRun(spec, registry, runDir, state, dir);
        AtomicFiles.writeString(runDir.resolve("spec.json"), SpecLoader.toJson(spec));
        return run;
    }

    /** The spec stored with a run's newest checkpoint. */
    public static RunSpec storedSpec(Path runDir) {
        CheckpointState state = Checkpoints.readState(Checkpoints.resolve(runDir));
        return SpecLoader.fromJson(state.spec().toString());
    }

    /**
     * Fails early, without creating anything, when {@code runDir} cannot be created or written:
     * its nearest existing ancestor must be a writable folder.
     */
    private static void checkWritable(Path runDir) {
        Path p = runDir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("output folder " + runDir + " cannot be created: "
                    + p + " is a file, not a folder");
        }
        if (!Files.isWritable(p)) {
            throw new IllegalArgumentException("output folder " + runDir + " is not writable: "
                    + "no write permission on " + p);
        }
    }

    private static void prepareFolder(Path runDir) {
        try {
            Files.createDirectories(runDir);
            Path probe = Files.createTempFile(runDir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("output folder " + runDir + " is not writable: "
                    + e.getMessage(), e);
        }
    }

    private static void checkCompatible(JsonNode stored, RunSpec wanted, Path dir) {
        // Compare the spec as it would read back from state.json, not as valueToTree builds it:
        // valueToTree makes a LongNode of the long seed while state.json reads back 42 as an
        // IntNode, and IntNode(42).equals(LongNode(42)) is false, so every resume failed on seed.
        JsonNode now;
        try {
            now = Checkpoints.JSON.readTree(Checkpoints.JSON.writeValueAsString(wanted));
        } catch (IOException e) {
            throw new IllegalStateException("spec does not serialise: " + e.getMessage(), e);
        }
        Set<String> differing = new TreeSet<>();
        Iterator<String> names = stored.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!RESUMABLE_CHANGES.contains(key) && !stored.get(key).equals(now.get(key))) {
                differing.add(key + " (checkpoint: " + stored.get(key) + ", now: " + now.get(key) + ")");
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + dir + " was trained with another"
                    + " spec; these keys differ: " + differing + ". Only " + new TreeSet<>(
                    RESUMABLE_CHANGES) + " may change on resume: start a new run for the rest");
        }
    }

    /** Total steps this run trains to. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The trainer (for tests and benchmarks). */
    public GanTrainer trainer() {
        return trainer;
    }

    /** The data set. */
    public SampleSet data() {
        return data;
    }

    /**
     * Trains from the current step to {@link #totalSteps()}, writing metrics, grids, the report
     * and checkpoints.
     *
     * @throws NonFiniteLossException when a loss is NaN or infinite (the last good checkpoint is
     *     kept and the report is written first)
     */
    public void train(RunListener listener) throws IOException {
        RunListener l = listener == null ? new RunListener() {} : listener;
        long step = trainer.stepCount();
        l.onStart(step, totalSteps, stepsPerEpoch, data.description());
        MetricsLog metrics = MetricsLog.open(runDir, METRICS);
        metrics.truncateAfter(step);
        long start = System.nanoTime();
        long windowStart = start;
        long windowSteps = 0;
        double rate = 0;
        int epoch = loader.state().epoch();
        StepResult last = null;
        try {
            while (step < totalSteps) {
                last = trainer.step(() -> loader.next().data());
                step = last.step();
                windowSteps++;
                long now = System.nanoTime();
                if (now - windowStart > 2_000_000_000L || step == totalSteps) {
                    rate = windowSteps * spec.batchSize() / ((now - windowStart) / 1e9);
                    windowStart = now;
                    windowSteps = 0;
                }
                int nextEpoch = loader.state().epoch();
                l.onStep(last, epoch + 1, rate);
                if (step % spec.logEvery() == 0 || step == totalSteps) {
                    metrics.append(step, epoch + 1, last.lossD(), last.lossG(), last.penalty(), rate);
                }
                boolean epochDone = nextEpoch != epoch;
                if (epochDone || step == totalSteps) {
                    Path file = writeSamples(epoch + 1);
                    l.onSamples(file, epoch + 1, step);
                    writeReport(metrics, "training");
                }
                epoch = nextEpoch;
                if (step % spec.checkpointEvery() == 0 || step == totalSteps) {
                    Path dir = checkpoint(last, epoch);
                    l.onCheckpoint(dir, step);
                }
            }
        } catch (NonFiniteLossException e) {
            NonFiniteLossException named = e.withKeptCheckpoint(latestCheckpoint());
            writeReport(metrics, "stopped: " + named.getMessage());
            throw named;
        }
        writeReport(metrics, "finished");
        l.onEnd(step, (System.nanoTime() - start) / 1e9);
    }

    /** The name in checkpoints/latest, or null when no checkpoint has been published. */
    private String latestCheckpoint() throws IOException {
        Path latest = Checkpoints.folder(runDir).resolve("latest");
        return Files.isRegularFile(latest) ? Files.readString(latest).trim() : null;
    }

    private Path checkpoint(StepResult last, int epoch) throws IOException {
        CheckpointState state = new CheckpointState(CheckpointState.FORMAT, last.step(), epoch,
                Engine.getInstance().getEngineName(), trainer.noiseState(), loader.state(),
                Checkpoints.JSON.valueToTree(spec), last.lossD(), last.lossG(),
                data.sampleShape().getShape());
        return Checkpoints.write(runDir, trainer, state, spec.keepCheckpoints());
    }

    private Path writeSamples(int epoch) throws IOException {
        Path dir = runDir.resolve("samples");
        Files.createDirectories(dir);
        Shape shape = data.sampleShape();
        try (NDManager m = manager.newSubManager()) {
            if (shape.dimension() == 1) {
                float[] z = new float[1000 * spec.latentSize()];
                RandomStream.derive(spec.seed(), "scatter").fillGaussian(z, 1f);
                float[] points = trainer.generate(m, z).toFloatArray();
                Path file = dir.resolve(String.format("epoch-%03d.png", epoch));
                ScatterPlot.Builder b = ScatterPlot.builder().optTitle("epoch " + epoch);
                if (data instanceof GaussianMixture mix && shape.get(0) == 2) {
                    double[][] c = mix.centers();
                    float[] flat = new float[c.length * 2];
                    double extent = 0;
                    for (int i = 0; i < c.length; i++) {
                        flat[2 * i] = (float) c[i][0];
                        flat[2 * i + 1] = (float) c[i][1];
                        extent = Math.max(extent, Math.max(Math.abs(c[i][0]), Math.abs(c[i][1])));
                    }
                    extent += 1;
                    b.optCentres(flat).optRange(-extent, extent, -extent, extent);
                }
                b.build().writePng(points, file);
                return file;
            }
            NDArray images = trainer.generate(m, gridNoise);
            Path file = dir.resolve(String.format("epoch-%03d.png", epoch));
            int h = Math.toIntExact(shape.get(1));
            ImageGrid.builder().optScale(h < 48 ? 2 : 1).build().writePng(images.toFloatArray(),
                    spec.sampleCount(), Math.toIntExact(shape.get(0)), h,
                    Math.toIntExact(shape.get(2)), file);
            return file;
        }
    }

    private void writeReport(MetricsLog metrics, String status) throws IOException {
        MetricsTable table = metrics.read();
        RunReport.Builder b = RunReport.builder()
                .setTitle("gen4j: " + spec.model() + " with " + spec.loss() + " on " + spec.data())
                .optSpecJson(SpecLoader.toJson(spec));
        if (!table.isEmpty()) {
            b.addSeries("loss_d", table.stepsAsDoubles(), table.column("loss_d"))
                    .addSeries("loss_g", table.stepsAsDoubles(), table.column("loss_g"));
            double[] rate = table.column("images_per_s");
            b.addSummary("images/s (last)", String.format("%.1f", rate[rate.length - 1]));
            b.addSummary("last step", Long.toString(table.lastStep()));
        }
        b.addSummary("status", status);
        b.addSummary("engine", Engine.getInstance().getEngineName());
        b.addSummary("data", data.description() + ", " + data.size() + " samples of " + data.sampleShape());
        b.addSummary("steps", totalSteps + " (" + stepsPerEpoch + " per epoch)");
        Path samples = runDir.resolve("samples");
        if (Files.isDirectory(samples)) {
            try (var files = Files.list(samples)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                    String name = p.getFileName().toString();
                    b.addImage("samples/" + name, name.replace(".png", "").replace('-', ' '));
                }
            }
        }
        b.build().write(runDir.resolve("report.html"));
    }

    @Override
    public void close() {
        loader.close();
        trainer.close();
        manager.close();
    }
}
