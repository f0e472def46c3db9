package org.gen4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecLoader;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Gen4jBuild;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.train.ExistingRunException;
import org.gen4j.core.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j train}: trains any procedure (gan, cgan, and those plugins add) described by
 * defaults, a spec file and flags.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model. With no arguments: DCGAN with the non-saturating loss on"
                + " the embedded Fashion-MNIST sample (a few minutes of CPU time).",
            "--model names a procedure (gan, cgan, ...: gen4j list procedures) or an"
                + " architecture (dcgan, mlp-gan); --set sets any key of the procedure.",
            "Precedence: defaults < --spec file < flags < --set key=value."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--spec", paramLabel = "FILE", description = "Run spec, YAML or JSON: only"
            + " the keys that differ from the defaults.")
    Path specFile;

    @Option(names = "--model", description = "What to train: a procedure (gan, cgan, ...) or an"
            + " architecture (dcgan, mlp-gan); default dcgan.")
    String model;

    @Option(names = "--procedure", description = "The training procedure, when --model names an"
            + " architecture that another procedure should train (--procedure cgan --model"
            + " mlp-gan).")
    String procedure;

    @Option(names = "--discriminator", description = "Discriminator architecture, default: the"
            + " model's.")
    String discriminator;

    @Option(names = "--loss", description = "Adversarial loss, default non-saturating; a preset's"
            + " name (wgan, wgan-gp) applies the preset.")
    String loss;

    @Option(names = "--preset", description = "Start from a paper's settings: wgan (weight"
            + " clipping, RMSprop 5e-5, n-critic 5) or wgan-gp (gradient penalty 10, Adam 1e-4"
            + " betas 0/0.9, n-critic 5, critic without BatchNorm). Any other flag still wins.")
    String preset;

    @Option(names = "--data", description = "A folder of IDX files or images, or a data-set name;"
            + " default fashion-mnist-sample.")
    String data;

    @Option(names = "--steps", description = "Generator updates to train (overrides --epochs).")
    Long steps;

    @Option(names = "--epochs", description = "Epochs to train when --steps is not given"
            + " (default 20).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Samples per update (default 64).")
    Integer batchSize;

    @Option(names = "--latent-size", description = "Latent vector size (default 100).")
    Integer latentSize;

    @Option(names = "--n-critic", description = "Discriminator updates per generator update"
            + " (default 1).")
    Integer nCritic;

    @Option(names = "--lr", description = "Learning rate of every network's optimizer (GANs:"
            + " default 2e-4).")
    Double lr;

    @Option(names = "--seed", description = "Seed of every random stream (default 42).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any spec key, e.g."
            + " --set optimizer-d.beta2=0.99 or --set model-options.width=32.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default"
            + " runs/<model>-<loss>-<time>).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its newest"
            + " checkpoint; flags may extend --steps/--epochs.")
    boolean resume;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar (default on; off prints a line every 10 s).")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out, the run folder to continue");
        }
        if (out != null) {
            OutputPaths.checkFolder("--out", out);
        }
        String engineName = engine.apply();
        Registry registry = Gen4j.registry();
        SpecLoader loader = resume ? TrainingRun.resumeLoader(out) : SpecLoader.fromDefaults();
        if (specFile != null) {
            loader.mergeFile(specFile);
        }
        apply(loader);
        RunSpec spec = loader.build(registry);
        Path runDir = out != null ? out : newRunFolder(spec);
        String what = spec.model() + (spec.has("loss") ? " with " + spec.values().get("loss")
                : "") + (spec.model().equals(spec.procedure()) ? ""
                : " (procedure " + spec.procedure() + ")");
        System.err.printf("gen4j %s: %s %s on %s, engine %s, %s, run folder %s%n",
                Gen4jBuild.current().describe(), resume ? "resuming" : "training", what,
                spec.data(), engineName, HeapLauncher.describe(), runDir);
        TrainingRun opened;
        try {
            opened = open(spec, registry, runDir);
        } catch (java.io.IOException | RuntimeException e) {
            if (out == null) {
                // The folder this command claimed and could not use: leave nothing behind.
                try {
                    Files.deleteIfExists(runDir.resolve(".lock"));
                    Files.deleteIfExists(runDir);
                } catch (java.io.IOException kept) {
                    e.addSuppressed(kept);
                }
            }
            throw e;
        }
        try (TrainingRun run = opened;
                StopOnSignal signals = new StopOnSignal(run)) {
            try (ProgressListener listener = new ProgressListener(progress)) {
                run.train(listener);
            } catch (IOException | RuntimeException | Error e) {
                if (signals.signalled()) {
                    // The JVM ends as soon as the signal's hook is released, before Main could
                    // print this: say it here.
                    System.err.println("gen4j: stopping on a signal failed: "
                            + Main.describe(e));
                    e.printStackTrace();
                    System.err.flush();
                }
                throw e;
            }
            if (run.stoppedOnRequest()) {
                long step = run.trainer().stepCount();
                System.err.printf("gen4j: stopped at step %d of %d on a signal; checkpoint %s"
                        + " saved in %s: continue with gen4j train --resume --out %s%n", step,
                        run.totalSteps(), Checkpoints.name(step), Checkpoints.folder(runDir),
                        runDir);
                System.err.flush();
                return 130;
            }
        }
        System.err.println("report: " + runDir.resolve("report.html").toAbsolutePath());
        return 0;
    }

    private TrainingRun open(RunSpec spec, Registry registry, Path runDir)
            throws java.io.IOException {
        if (resume) {
            return TrainingRun.resume(spec, registry, runDir);
        }
        try {
            return TrainingRun.start(spec, registry, runDir);
        } catch (ExistingRunException e) {
            throw new IllegalArgumentException("run folder " + runDir + " already holds a run:"
                    + " resume it with --resume, or choose another --out folder", e);
        }
    }

    /**
     * runs/MODEL[-LOSS]-TIME, with a counter if the name is taken. The folder is claimed by
     * creating it, which only one process can do, so two runs that start in the same second
     * never share a folder.
     */
    private static Path newRunFolder(RunSpec spec) throws java.io.IOException {
        String stem = spec.model() + (spec.has("loss") ? "-" + spec.values().get("loss") : "")
                + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return claimRunFolder(Path.of("runs"), stem);
    }

    /** Creates and returns {@code runs/stem}, or {@code runs/stem-2}, ... if taken. */
    static Path claimRunFolder(Path runs, String stem) throws java.io.IOException {
        Files.createDirectories(runs);
        for (int i = 1; ; i++) {
            Path dir = runs.resolve(i == 1 ? stem : stem + "-" + i);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: try the next counter
            }
        }
    }

    private void apply(SpecLoader loader) {
        set(loader, "model", model);
        set(loader, "procedure", procedure);
        set(loader, "discriminator", discriminator);
        set(loader, "loss", loss);
        set(loader, "preset", preset);
        set(loader, "data", data);
        set(loader, "batch-size", batchSize);
        set(loader, "latent-size", latentSize);
        set(loader, "n-critic", nCritic);
        set(loader, "seed", seed);
        if (steps != null) {
            set(loader, "steps", steps);
        }
        if (epochs != null) {
            set(loader, "epochs", epochs);
            if (steps == null) {
                set(loader, "steps", 0L);
            }
        }
        if (lr != null) {
            loader.setLearningRate(lr);
        }
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes KEY=VALUE, got '" + kv + "'");
            }
            loader.set(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
    }

    private static void set(SpecLoader loader, String key, Object value) {
        if (value != null) {
            loader.setValue(key, value);
        }
    }
}
