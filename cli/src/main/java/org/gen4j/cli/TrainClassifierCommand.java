package org.gen4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.ImageFolderDataset;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.features.ClassifierProvenance;
import org.gen4j.evaluation.features.ClassifierTrainer;
import org.gen4j.evaluation.features.ClassifierTraining;
import org.gen4j.evaluation.features.FashionMnistClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j train-classifier}: trains the feature network's classifier on an MNIST-layout IDX
 * folder or a labelled image folder and writes its weights and provenance; with the defaults it
 * retrains the shipped {@code fashion-mnist-classifier}.
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Train the compact CNN classifier whose features and class probabilities"
                + " the metrics use (FID, KID, precision/recall, classifier score).",
            "Writes OUT/ID.params and OUT/ID.json (provenance: SHA-256 of the data files and of"
                + " the weights, settings, seed, engine, test accuracy). With the defaults it"
                + " retrains the shipped fashion-mnist-classifier."})
final class TrainClassifierCommand implements Callable<Integer> {

    /** The epochs of the shipped network. */
    static final int DEFAULT_EPOCHS = 8;

    /** The seed of the shipped network. */
    static final long DEFAULT_SEED = 1;

    @Mixin
    EngineOption engine;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = FashionMnist.DEFAULT_PATH,
            description = "A folder of the four MNIST-layout IDX files (train-images-idx3-ubyte,"
                    + " train-labels-idx1-ubyte, t10k-..., plain or .gz), or a folder of images"
                    + " in class sub-folders (DIR/CLASS/*.png), trained at their size and"
                    + " colour; default ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--test", paramLabel = "DIR", description = "For an image folder: a folder"
            + " of test images with the same class sub-folders. Without it, --test-fraction of"
            + " --data is held out.")
    Path test;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "For an image folder"
            + " without --test: the share of its images held out for the test accuracy, drawn"
            + " with --seed (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--data-option", paramLabel = "KEY=VALUE", description = "An option of an"
            + " image folder, as in a spec's data-options: channels=1|3, size=HxW, resize=true.")
    List<String> dataOptions = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The folder to write ID.params and ID.json into.")
    Path out;

    @Option(names = "--id", defaultValue = FashionMnistClassifier.ID,
            description = "The network's identifier, recorded with every metric; names the files"
                    + " (default ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--epochs", defaultValue = "" + DEFAULT_EPOCHS,
            description = "Passes over the training images (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED,
            description = "Seed of the weights, data order, dropout and flips"
                    + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "64",
            description = "Images per update (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3",
            description = "Adam's learning rate in the first epoch; it decays by a cosine to"
                    + " 1/100 of it (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--dropout", defaultValue = "0.3",
            description = "Dropout before the last layer (default ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--flip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Mirror training images left-right at random (default on).")
    boolean flip;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkFolder("--out", out);
        ClassifierTrainer.Settings settings = new ClassifierTrainer.Settings(seed, epochs,
                batchSize, lr, lr / 100, dropout, flip);
        String engineName = engine.apply();
        String name = data.toAbsolutePath().normalize().getFileName() == null ? "idx"
                : data.toAbsolutePath().normalize().getFileName().toString();
        String command = "gen4j " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs());
        System.err.printf("gen4j: training classifier %s on %s, %d epochs, seed %d, engine %s%n",
                id, data, epochs, seed, engineName);
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            // MKL-DNN's reductions depend on the thread count, and a busy CPU makes OpenMP with
            // more threads than free cores very slow.
            System.err.println("note: the shipped weights were trained with OMP_NUM_THREADS=1;"
                    + " other thread counts give other bits (and are slow on a busy CPU)");
        }
        Progress progress = new Progress(epochs, batchSize);
        ClassifierProvenance p;
        if (!IdxDataset.isIdxFolder(data) && Files.isDirectory(data)
                && ImageFolderDataset.containsImages(data)) {
            ImageFolderDataset train = images(data, "--data");
            ImageFolderDataset testSet = test == null ? null : images(test, "--test");
            if (testSet != null && !testSet.classNames().equals(train.classNames())) {
                throw new IllegalArgumentException("--test " + test + " has the classes "
                        + testSet.classNames() + " but --data " + data + " has "
                        + train.classNames() + "; both need the same class sub-folders");
            }
            System.err.printf("images %s, classes %s%n", train.sampleShape(),
                    train.classNames());
            p = ClassifierTraining.trainOnImages(train, testSet, testFraction, name,
                    data.toAbsolutePath().toString(), out, id, settings, command, progress);
        } else {
            // An IDX folder, or neither kind: the IDX reader names the files it misses.
            if (test != null || !dataOptions.isEmpty()) {
                throw new IllegalArgumentException("--test and --data-option are for image"
                        + " folders; the IDX folder " + data + " has its own t10k test split");
            }
            p = ClassifierTraining.trainOnIdxFolder(data, name, out, id, settings, command,
                    progress);
        }
        System.err.printf("test accuracy %.4f on %d images; weights %s (%d bytes, SHA-256 %s)%n",
                p.testAccuracy(), p.testImages(), out.resolve(p.weightsFile()),
                p.weightsBytes(), p.weightsSha256());
        System.err.println("provenance: " + out.resolve(id + ".json"));
        return 0;
    }

    private ImageFolderDataset images(Path dir, String flag) {
        Map<String, Object> options = KeyValues.parse("--data-option", dataOptions);
        Options o = new Options("image folder " + flag + " " + dir, options);
        ImageFolderDataset set = ImageFolderDataset.fromOptions(dir, o);
        o.checkAllUsed();
        return set;
    }

    /** One progress line every ten seconds and one per epoch. */
    private static final class Progress implements ClassifierTraining.Listener {
        private final int epochs;
        private final int batchSize;
        private final long start = System.nanoTime();
        private long lastLine = System.nanoTime();
        private long doneSteps;

        Progress(int epochs, int batchSize) {
            this.epochs = epochs;
            this.batchSize = batchSize;
        }

        @Override
        public void onStep(int epoch, int step, int stepsPerEpoch, float loss) {
            doneSteps++;
            long now = System.nanoTime();
            if (now - lastLine < 10_000_000_000L) {
                return;
            }
            lastLine = now;
            double elapsed = (now - start) / 1e9;
            long total = (long) stepsPerEpoch * epochs;
            double eta = elapsed / doneSteps * (total - doneSteps);
            System.err.printf("epoch %d/%d  step %d/%d  loss %.4f  %.0f img/s  eta %s%n",
                    epoch + 1, epochs, step, stepsPerEpoch, loss,
                    doneSteps * batchSize / elapsed, duration(eta));
        }

        @Override
        public void onEpoch(ClassifierProvenance.Epoch r) {
            System.err.printf("epoch %d/%d done: lr %.2e, train loss %.4f, test accuracy %.4f,"
                    + " %s%n", r.epoch(), epochs, r.lr(), r.trainLoss(), r.testAccuracy(),
                    duration(r.seconds()));
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
    }
}
