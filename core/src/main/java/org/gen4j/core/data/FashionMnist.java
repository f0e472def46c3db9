package org.gen4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import org.gen4j.core.util.Options;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT licence): 28 x 28 grey images of clothes in 10
 * classes, as IDX files.
 *
 * <p>Two named data sets: {@value #SAMPLE_NAME}, the first {@value #SAMPLE_TRAIN_SIZE} training and
 * first {@value #SAMPLE_TEST_SIZE} test images embedded in the gen4j jar, so that the main job runs
 * with no download; and {@value #FULL_NAME}, the full 60,000 + 10,000 images read from a folder
 * (by default where Debian's {@code dataset-fashion-mnist} package installs them).
 */
public final class FashionMnist {

    /** The name of the embedded sample. */
    public static final String SAMPLE_NAME = "fashion-mnist-sample";

    /** The name of the full data set read from a folder. */
    public static final String FULL_NAME = "fashion-mnist";

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final String DEFAULT_PATH = "/usr/share/datasets/fashion-mnist";

    /** The number of training images in the embedded sample. */
    public static final int SAMPLE_TRAIN_SIZE = 4000;

    /** The number of test images in the embedded sample. */
    public static final int SAMPLE_TEST_SIZE = 1000;

    /** The class path folder of the embedded sample. */
    public static final String SAMPLE_RESOURCE = "/org/gen4j/core/data/fashion-mnist-sample/";

    private static final Set<String> SPLITS = Set.of(IdxDataset.TRAIN, IdxDataset.TEST);

    private FashionMnist() {}

    /**
     * Loads a split of the embedded sample.
     *
     * @param split {@code "train"} (4,000 images) or {@code "test"} (1,000 images)
     */
    public static IdxDataset sample(String split) {
        String prefix = IdxDataset.prefix(split);
        String imagesName = SAMPLE_RESOURCE + prefix + "-images-idx3-ubyte.gz";
        String labelsName = SAMPLE_RESOURCE + prefix + "-labels-idx1-ubyte.gz";
        IdxFiles.Images images = readResource(imagesName, in -> IdxFiles.readImages(in,
                imagesName));
        byte[] labels = readResource(labelsName, in -> IdxFiles.readLabels(in, labelsName));
        return IdxDataset.of(images, labels,
                SAMPLE_NAME + " " + split + " (" + images.count() + " embedded images)");
    }

    /**
     * Loads a split of the full data set from a folder of IDX files.
     *
     * @param dir the folder holding {@code train-*} and {@code t10k-*} IDX files
     * @param split {@code "train"} or {@code "test"}
     * @throws DataException when the folder is missing (saying how to install it) or malformed
     */
    public static IdxDataset full(Path dir, String split) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(
                    FULL_NAME + ": folder '" + dir + "' does not exist. Install the data with "
                            + "'apt-get install dataset-fashion-mnist' (it goes to " + DEFAULT_PATH
                            + "), or pass a folder of Fashion-MNIST IDX files with option 'path', "
                            + "or use the embedded '" + SAMPLE_NAME + "'");
        }
        return IdxDataset.fromFolder(dir, split);
    }

    /**
     * A split of the embedded sample or of the full set, for the data sets derived from
     * Fashion-MNIST: options {@code source} ({@value #SAMPLE_NAME}, the default, or {@value
     * #FULL_NAME}), {@code split} (train or test) and, for the full set, {@code path}. Does not
     * check for unknown options.
     */
    public static IdxDataset fromOptions(Options options) {
        String source = options.getChoice("source", SAMPLE_NAME, Set.of(SAMPLE_NAME, FULL_NAME));
        String split = options.getChoice("split", IdxDataset.TRAIN, SPLITS);
        if (source.equals(SAMPLE_NAME)) {
            return sample(split);
        }
        return full(Path.of(OptionValues.getString(options, "path", DEFAULT_PATH)), split);
    }

    /** The factory of the embedded sample, named {@value #SAMPLE_NAME}; option {@code split}. */
    public static DatasetFactory sampleFactory() {
        return new DatasetFactory() {
            @Override
            public String name() {
                return SAMPLE_NAME;
            }

            @Override
            public String description() {
                return "4,000 Fashion-MNIST training images (and 1,000 test images, option "
                        + "split=test) embedded in gen4j (MIT licence)";
            }

            @Override
            public SampleSet load(Options options, long seed) {
                String split = options.getChoice("split", IdxDataset.TRAIN, SPLITS);
                options.checkAllUsed();
                return sample(split);
            }
        };
    }

    /**
     * The factory of the full data set, named {@value #FULL_NAME}; options {@code path} (default
     * {@value #DEFAULT_PATH}) and {@code split}.
     */
    public static DatasetFactory fullFactory() {
        return new DatasetFactory() {
            @Override
            public String name() {
                return FULL_NAME;
            }

            @Override
            public String description() {
                return "the full Fashion-MNIST (60,000 training, 10,000 test images, MIT licence) "
                        + "read from option path, default " + DEFAULT_PATH;
            }

            @Override
            public SampleSet load(Options options, long seed) {
                String path = OptionValues.getString(options, "path", DEFAULT_PATH);
                String split = options.getChoice("split", IdxDataset.TRAIN, SPLITS);
                options.checkAllUsed();
                return full(Path.of(path), split);
            }
        };
    }

    private static <T> T readResource(String name, Function<InputStream, T> reader) {
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException(
                        name + ": resource missing from the class path; the gen4j-core jar is "
                                + "incomplete");
            }
            return reader.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot close the resource", e);
        }
    }
}
