package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Images from IDX files (MNIST, Fashion-MNIST), kept in memory as unsigned bytes, with their labels
 * when a label file is present.
 *
 * <p>{@link #copySample} serves each image as floats {@code pixel / 127.5 - 1} in [-1, 1], shape
 * {@code (1, rows, cols)}. The class is immutable and safe to read from several threads.
 */
public final class IdxDataset implements SampleSet {

    /** The split holding the training images ({@code train-*} files). */
    public static final String TRAIN = "train";

    /** The split holding the test images ({@code t10k-*} files). */
    public static final String TEST = "test";

    private final byte[] pixels;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] labels;
    private final int numClasses;
    private final String description;

    private IdxDataset(IdxFiles.Images images, byte[] labels, String description) {
        this.pixels = images.pixels();
        this.count = images.count();
        this.rows = images.rows();
        this.cols = images.cols();
        this.labels = labels;
        int max = -1;
        if (labels != null) {
            for (byte b : labels) {
                max = Math.max(max, b & 0xFF);
            }
        }
        this.numClasses = max + 1;
        this.description = description;
    }

    /**
     * A data set over images already in memory.
     *
     * @param images the images; the pixel array is used as is, not copied
     * @param labels one label per image, or {@code null} for none; used as is
     * @param description what the data is, for logs and error messages
     * @throws DataException when the label count differs from the image count
     */
    public static IdxDataset of(IdxFiles.Images images, byte[] labels, String description) {
        Objects.requireNonNull(images, "images is null");
        Objects.requireNonNull(description, "description is null");
        if (labels != null && labels.length != images.count()) {
            throw new DataException(
                    description + ": " + images.count() + " images but " + labels.length
                            + " labels; the counts must match");
        }
        return new IdxDataset(images, labels, description);
    }

    /**
     * Reads an image file and, optionally, its label file.
     *
     * @param imagesFile an IDX3 unsigned-byte image file, plain or gzip
     * @param labelsFile an IDX1 unsigned-byte label file, plain or gzip, or {@code null} for none
     * @throws DataException when a file is malformed or the counts differ (naming both files)
     */
    public static IdxDataset read(Path imagesFile, Path labelsFile) {
        IdxFiles.Images images = IdxFiles.readImages(imagesFile);
        byte[] labels = labelsFile == null ? null : IdxFiles.readLabels(labelsFile);
        if (labels != null && labels.length != images.count()) {
            throw new DataException(
                    imagesFile + " holds " + images.count() + " images but " + labelsFile
                            + " holds " + labels.length + " labels; the counts must match");
        }
        String description = "IDX " + imagesFile + (labelsFile == null ? "" : " + " + labelsFile);
        return new IdxDataset(images, labels, description);
    }

    /**
     * Reads one split of an MNIST-layout folder: {@code train-images-idx3-ubyte[.gz]} and {@code
     * train-labels-idx1-ubyte[.gz]} for {@code "train"}, {@code t10k-*} for {@code "test"}. The
     * label file is optional. When both a plain and a {@code .gz} file exist, the plain one is
     * read.
     *
     * @param dir the folder
     * @param split {@link #TRAIN} or {@link #TEST}
     * @throws DataException when the folder or its image file is missing (listing what was looked
     *     for and what was found), or a file is malformed
     */
    public static IdxDataset fromFolder(Path dir, String split) {
        String prefix = prefix(split);
        if (!Files.isDirectory(dir)) {
            throw new DataException(
                    "IDX folder '" + dir + "' does not exist or is not a folder");
        }
        String imagesName = prefix + "-images-idx3-ubyte";
        String labelsName = prefix + "-labels-idx1-ubyte";
        Path images = find(dir, imagesName);
        if (images == null) {
            throw new DataException(
                    "IDX folder '" + dir + "' has no " + split + " images: looked for "
                            + imagesName + " or " + imagesName + ".gz; found " + listing(dir));
        }
        return read(images, find(dir, labelsName));
    }

    /**
     * Whether a folder holds IDX image files of either split.
     *
     * @param dir the folder to look in (not recursively)
     */
    public static boolean isIdxFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> {
                String name = p.getFileName().toString();
                return Files.isRegularFile(p)
                        && (name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz"));
            });
        } catch (IOException e) {
            throw new DataException(
                    "folder '" + dir + "': cannot list (" + e.getMessage() + ")", e);
        }
    }

    static String prefix(String split) {
        if (TRAIN.equals(split)) {
            return "train";
        }
        if (TEST.equals(split)) {
            return "t10k";
        }
        throw new IllegalArgumentException(
                "IDX split must be one of [test, train], got '" + split + "'");
    }

    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    static String listing(Path dir) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            return "(cannot list the folder: " + e.getMessage() + ")";
        }
        if (names.isEmpty()) {
            return "nothing (the folder is empty)";
        }
        int shown = Math.min(names.size(), 20);
        String list = String.join(", ", names.subList(0, shown));
        String more = names.size() > shown ? ", ... " + (names.size() - shown) + " more" : "";
        return "[" + list + more + "]";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(1, rows, cols);
    }

    @Override
    public void copySample(int index, float[] dst, int offset) {
        Objects.checkIndex(index, count);
        int n = rows * cols;
        IdxFiles.toFloats(pixels, index * n, dst, offset, n);
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException(
                    description + " has no labels; check hasLabels() first");
        }
        return labels[index] & 0xFF;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String description() {
        return description;
    }

    /** The height of each image in pixels. */
    public int rows() {
        return rows;
    }

    /** The width of each image in pixels. */
    public int cols() {
        return cols;
    }

    /** The unsigned-byte pixels of one image, copied ({@code rows * cols} bytes). */
    public byte[] pixels(int index) {
        Objects.checkIndex(index, count);
        int n = rows * cols;
        byte[] out = new byte[n];
        System.arraycopy(pixels, index * n, out, 0, n);
        return out;
    }
}
