package org.gen4j.core.data;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.gen4j.core.util.Options;

/**
 * Resolves the value of the command line's {@code --data} into a {@link SampleSet}.
 *
 * <p>In order:
 *
 * <ol>
 *   <li>an existing folder holding IDX image files ({@code *-idx3-ubyte[.gz]}) is read as an
 *       MNIST-layout folder by {@link IdxDataset#fromFolder} (option {@code split}, train or test,
 *       default train);
 *   <li>an existing folder holding PNG or JPEG images, directly or in class sub-folders, is read by
 *       {@link ImageFolderDataset#fromOptions} (options {@code channels}, {@code size},
 *       {@code resize});
 *   <li>an existing IDX3 image file is read alone, without labels;
 *   <li>a value that looks like a path (contains {@code /} or starts with {@code .}) but does not
 *       exist is an error;
 *   <li>anything else is the name of a registered {@link DatasetFactory}, given the options and
 *       the seed.
 * </ol>
 *
 * <p>Option {@code pairing} reads a folder as image pairs instead ({@link PairedImageSet}:
 * {@code folders} for {@code A/} and {@code B/} matched by name, {@code side-by-side}), or as two
 * unpaired domains ({@link UnpairedImageSet}: {@code unpaired}); option {@code direction}
 * ({@code a-to-b} or {@code b-to-a}) says which side is the input.
 *
 * <p>For folders and files, unknown options are errors; a factory checks its own options. Every
 * source also takes {@code binarize} ({@link BinarizedSampleSet}): {@code dynamic}, {@code fixed}
 * or {@code none} (default), for grayscale data, and {@code binarize-seed}, the seed of the fixed
 * draws (default 0).
 */
public final class DataSources {

    private DataSources() {}

    /**
     * Opens a data source.
     *
     * @param data the {@code --data} value: a folder, an IDX file, or a data-set name
     * @param options the data options ({@code split}; {@code channels}, {@code size}, {@code
     *     resize}; or those of the named data set)
     * @param seed the seed handed to a named data set (synthetic sets draw their points from it)
     * @param lookup finds a registered factory by name and throws, naming the known ones, for an
     *     unknown name (for example {@code registry::dataset})
     * @throws DataException when a folder or file is missing, empty or malformed
     */
    public static SampleSet open(String data, Options options, long seed,
            Function<String, DatasetFactory> lookup) {
        Objects.requireNonNull(options, "options is null");
        String binarize = options.getChoice(BinarizedSampleSet.OPTION, BinarizedSampleSet.NONE,
                BinarizedSampleSet.MODES);
        long fixedSeed = options.getLong(BinarizedSampleSet.SEED_OPTION, 0, Long.MIN_VALUE,
                Long.MAX_VALUE);
        SampleSet set = openUnbinarized(data, options, seed, lookup);
        return binarize.equals(BinarizedSampleSet.NONE) ? set
                : new BinarizedSampleSet(set, binarize, seed, fixedSeed);
    }

    private static SampleSet openUnbinarized(String data, Options options, long seed,
            Function<String, DatasetFactory> lookup) {
        Objects.requireNonNull(data, "data is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(lookup, "lookup is null");
        if (data.isBlank()) {
            throw new IllegalArgumentException(
                    "data must be a folder of IDX files or images, or a data-set name; got ''");
        }
        boolean looksLikePath = data.contains("/") || data.contains("\\") || data.startsWith(".");
        Path path = null;
        try {
            path = Path.of(data);
        } catch (InvalidPathException e) {
            if (looksLikePath) {
                throw new DataException("data folder '" + data + "' is not a valid path: "
                        + e.getMessage(), e);
            }
        }
        String pairing = options.getChoice(PairedImageSet.PAIRING, "none", Set.of("none",
                PairedImageSet.FOLDERS, PairedImageSet.SIDE_BY_SIDE, UnpairedImageSet.UNPAIRED));
        if (!pairing.equals("none")) {
            if (path == null || !Files.isDirectory(path)) {
                throw new DataException("data '" + data + "' with pairing=" + pairing + " must be"
                        + " an existing folder (A/ and B/, or side-by-side images)");
            }
            SampleSet set = pairing.equals(UnpairedImageSet.UNPAIRED)
                    ? UnpairedImageSet.open(path, options, seed)
                    : PairedImageSet.open(path, pairing, options);
            options.checkAllUsed();
            return set;
        }
        if (path != null && Files.isDirectory(path)) {
            if (IdxDataset.isIdxFolder(path)) {
                String split = options.getChoice("split", IdxDataset.TRAIN,
                        Set.of(IdxDataset.TRAIN, IdxDataset.TEST));
                options.checkAllUsed();
                return IdxDataset.fromFolder(path, split);
            }
            if (ImageFolderDataset.containsImages(path)) {
                ImageFolderDataset set = ImageFolderDataset.fromOptions(path, options);
                options.checkAllUsed();
                return set;
            }
            throw new DataException(
                    "data folder '" + data + "' holds neither IDX files (train-images-idx3-ubyte"
                            + "[.gz], t10k-images-idx3-ubyte[.gz]) nor images (.jpeg, .jpg, .png, "
                            + "directly or in class sub-folders); found "
                            + IdxDataset.listing(path));
        }
        if (path != null && Files.isRegularFile(path) && looksLikeIdxImages(path)) {
            options.checkAllUsed();
            return IdxDataset.read(path, null);
        }
        if (path != null && Files.exists(path)) {
            throw new DataException(
                    "data '" + data + "' is a file but not an IDX3 image file; pass a folder of "
                            + "IDX files or images, or a data-set name");
        }
        if (looksLikePath) {
            throw new DataException(
                    "data folder '" + data + "' does not exist; pass an existing folder of IDX "
                            + "files or images, or the name of a data set (gen4j list)");
        }
        DatasetFactory factory = lookup.apply(data);
        if (factory == null) {
            throw new IllegalArgumentException("unknown data set '" + data + "'");
        }
        return factory.load(options, seed);
    }

    private static boolean looksLikeIdxImages(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz")
                || name.endsWith(".idx3") || name.endsWith(".idx3.gz");
    }
}
