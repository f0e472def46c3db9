package org.gen4j.evaluation.features;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gen4j.evaluation.report.Sha256;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.DataException;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.data.SampleSubset;
import org.gen4j.core.util.AtomicFiles;

/**
 * A whole training run of a {@link ClassifierNetwork}: the epochs over a training set, the test
 * accuracy after each, and the files it leaves, {@code ID.params} and {@code ID.json} (the
 * {@link ClassifierProvenance}).
 *
 * <p>This is what {@code gen4j train-classifier} runs; the shipped {@link FashionMnistClassifier}
 * was made by it.
 */
public final class ClassifierTraining {

    /** Images per forward pass when evaluating. */
    static final int EVAL_BATCH = 500;

    private static final String[] IDX_FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private ClassifierTraining() {}

    /** What a run reports while it trains. */
    public interface Listener {

        /**
         * After each update.
         *
         * @param epoch the epoch, from 0
         * @param step the update within the epoch, from 1
         * @param stepsPerEpoch updates per epoch
         * @param loss the batch loss
         */
        default void onStep(int epoch, int step, int stepsPerEpoch, float loss) {}

        /**
         * After each epoch, with its test accuracy.
         *
         * @param record what the epoch gave
         */
        default void onEpoch(ClassifierProvenance.Epoch record) {}
    }

    /**
     * What a run produced.
     *
     * @param parameters the trained parameters in DJL's format
     * @param test the final evaluation on the test set
     * @param epochs what each epoch gave
     * @param trainSeconds the time spent training
     */
    public record Result(byte[] parameters, ClassifierTrainer.Evaluation test,
            List<ClassifierProvenance.Epoch> epochs, double trainSeconds) {}

    /**
     * Trains on {@code train} and evaluates on {@code test} after each epoch.
     *
     * @param train labelled training images
     * @param test labelled test images of the same shape
     * @param settings what to train with
     * @param listener told of progress
     */
    public static Result train(SampleSet train, SampleSet test,
            ClassifierTrainer.Settings settings, Listener listener) {
        Objects.requireNonNull(listener, "listener is null");
        if (!train.hasLabels() || !test.hasLabels()) {
            throw new IllegalArgumentException("training a classifier needs labels; "
                    + (train.hasLabels() ? test : train).description() + " has none");
        }
        if (!train.sampleShape().equals(test.sampleShape())) {
            throw new IllegalArgumentException("training images are " + train.sampleShape()
                    + " but test images are " + test.sampleShape());
        }
        int classes = Math.max(train.numClasses(), test.numClasses());
        List<ClassifierProvenance.Epoch> epochs = new ArrayList<>();
        double seconds = 0;
        try (NDManager manager = NDManager.newBaseManager();
                ClassifierTrainer trainer = new ClassifierTrainer(settings, train.sampleShape(),
                        classes, manager);
                BatchLoader loader = BatchLoader.start(train, settings.batchSize(),
                        settings.seed())) {
            int steps = loader.stepsPerEpoch();
            ClassifierTrainer.Evaluation eval = null;
            for (int e = 0; e < settings.epochs(); e++) {
                trainer.startEpoch(e);
                long start = System.nanoTime();
                double sum = 0;
                for (int s = 1; s <= steps; s++) {
                    BatchLoader.Batch b = loader.next();
                    float loss = trainer.step(b.data(), b.labels());
                    sum += loss;
                    listener.onStep(e, s, steps, loss);
                }
                double epochSeconds = (System.nanoTime() - start) / 1e9;
                seconds += epochSeconds;
                eval = trainer.evaluate(test, EVAL_BATCH);
                var record = new ClassifierProvenance.Epoch(e + 1, settings.learningRate(e),
                        sum / steps, eval.accuracy(), epochSeconds);
                epochs.add(record);
                listener.onEpoch(record);
            }
            return new Result(trainer.saveParameters(), eval, epochs, seconds);
        }
    }

    /**
     * Trains on an MNIST-layout folder ({@code train-*} and {@code t10k-*} IDX files, plain or
     * gzip) and writes {@code ID.params} and {@code ID.json} into {@code out}, each atomically,
     * the provenance last.
     *
     * @param dataFolder the folder of the four IDX files
     * @param dataName what the data is, for the provenance (for example {@code fashion-mnist})
     * @param out the folder to write into; created when missing
     * @param id the network's identifier, which also names the files
     * @param settings what to train with
     * @param command the command line, for the provenance
     * @param listener told of progress
     * @return the provenance written
     * @throws DataException if a data file is missing or malformed
     * @throws IOException if the files cannot be written
     */
    public static ClassifierProvenance trainOnIdxFolder(Path dataFolder, String dataName,
            Path out, String id, ClassifierTrainer.Settings settings, String command,
            Listener listener) throws IOException {
        checkId(id);
        List<ClassifierProvenance.DataFile> files = new ArrayList<>();
        for (String name : IDX_FILES) {
            Path f = find(dataFolder, name);
            files.add(new ClassifierProvenance.DataFile(f.getFileName().toString(),
                    Files.size(f), Sha256.ofFile(f)));
        }
        SampleSet train = IdxDataset.fromFolder(dataFolder, IdxDataset.TRAIN);
        SampleSet test = IdxDataset.fromFolder(dataFolder, IdxDataset.TEST);
        return trainAndWrite(train, test, new ClassifierProvenance.Data(dataName,
                dataFolder.toAbsolutePath().toString(), files), out, id, settings, command,
                listener);
    }

    /**
     * Trains on a folder of images in class sub-folders ({@code DIR/CLASS/*.png}), at the images'
     * size and colour, and writes {@code ID.params} and {@code ID.json} as {@link
     * #trainOnIdxFolder} does. The test images are a second such folder, or, without one, a
     * seeded share of the folder held out.
     *
     * @param train the labelled images (an {@code ImageFolderDataset} with class sub-folders)
     * @param test the test images, or null to hold out {@code testFraction} of {@code train}
     * @param testFraction the share held out when {@code test} is null, in (0, 1)
     * @param dataName what the data is, for the provenance
     * @param dataPath where it is, for the provenance
     * @param out the folder to write into; created when missing
     * @param id the network's identifier, which also names the files
     * @param settings what to train with; its seed also draws the held-out share
     * @param command the command line, for the provenance
     * @param listener told of progress
     * @return the provenance written
     * @throws IllegalArgumentException if the images have no labels (no class sub-folders) or
     *     fewer than 2 classes
     * @throws IOException if the files cannot be written
     */
    public static ClassifierProvenance trainOnImages(SampleSet train, SampleSet test,
            double testFraction, String dataName, String dataPath, Path out, String id,
            ClassifierTrainer.Settings settings, String command, Listener listener)
            throws IOException {
        checkId(id);
        if (!train.hasLabels() || train.numClasses() < 2) {
            throw new IllegalArgumentException(train.description() + " has "
                    + (train.hasLabels() ? train.numClasses() + " class" : "no labels")
                    + "; a classifier needs images in at least 2 class sub-folders"
                    + " (DIR/CLASS/*.png)");
        }
        SampleSet trainPart = train;
        SampleSet testPart = test;
        if (testPart == null) {
            SampleSubset[] parts = SampleSubset.split(train, testFraction, settings.seed());
            trainPart = parts[0];
            testPart = parts[1];
        }
        // An image folder is many files: each part is identified by the SHA-256 of its decoded
        // samples (little-endian float32, in order), and "bytes" counts what was hashed.
        List<ClassifierProvenance.DataFile> files = List.of(
                new ClassifierProvenance.DataFile("train samples: " + trainPart.description(),
                        4L * trainPart.size() * trainPart.sampleShape().size(),
                        Sha256.ofSamples(trainPart)),
                new ClassifierProvenance.DataFile("test samples: " + testPart.description(),
                        4L * testPart.size() * testPart.sampleShape().size(),
                        Sha256.ofSamples(testPart)));
        return trainAndWrite(trainPart, testPart, new ClassifierProvenance.Data(dataName,
                dataPath, files), out, id, settings, command, listener);
    }

    private static ClassifierProvenance trainAndWrite(SampleSet train, SampleSet test,
            ClassifierProvenance.Data data, Path out, String id,
            ClassifierTrainer.Settings settings, String command, Listener listener)
            throws IOException {
        Result r = train(train, test, settings, listener);
        Shape shape = train.sampleShape();
        String weightsFile = id + ".params";
        ClassifierProvenance p = new ClassifierProvenance(ClassifierProvenance.FORMAT, id,
                ClassifierNetwork.ARCHITECTURE, shape.getShape().clone(),
                Math.max(train.numClasses(), test.numClasses()), ClassifierNetwork.FEATURE_SIZE,
                weightsFile, Sha256.ofBytes(r.parameters()), r.parameters().length,
                r.test().accuracy(), r.test().loss(), test.size(), train.size(), data,
                new ClassifierProvenance.Training(settings.seed(), settings.epochs(),
                        settings.batchSize(), "adam (beta1 0.9, beta2 0.999, eps 1e-8)",
                        settings.lr(), settings.lrFinal(), "cosine by epoch", settings.dropout(),
                        settings.flip() ? "left-right flip with probability 1/2" : "none",
                        "He normal (last layer 1/fan-in) from gen4j RandomStream"),
                r.epochs(), Engine.getInstance().getEngineName(),
                Engine.getInstance().getVersion(), Engine.getDjlVersion(),
                System.getProperty("java.version"), threads(), r.trainSeconds(), command);
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve(weightsFile), o -> o.write(r.parameters()));
        AtomicFiles.writeString(out.resolve(id + ".json"), p.toJson());
        return p;
    }

    private static String threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        String torch = System.getProperty("ai.djl.pytorch.num_threads");
        return "OMP_NUM_THREADS=" + (omp == null ? "(unset)" : omp)
                + (torch == null ? "" : ", ai.djl.pytorch.num_threads=" + torch);
    }

    /**
     * Checks that an identifier is usable as a file name and in results.
     *
     * @throws IllegalArgumentException if it is not lower-kebab-case
     */
    static void checkId(String id) {
        if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a classifier id must be lower-kebab-case (letters,"
                    + " digits and single hyphens, like fashion-mnist-classifier), got '" + id
                    + "'");
        }
    }

    private static Path find(Path dir, String name) {
        // The same choice as IdxDataset.fromFolder: the plain file when both exist.
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataException("IDX folder '" + dir + "' has no " + name + " or " + name
                + ".gz; training a classifier needs the train and t10k images and labels");
    }
}
