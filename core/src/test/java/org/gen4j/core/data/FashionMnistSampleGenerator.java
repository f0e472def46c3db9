package org.gen4j.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Recreates the embedded Fashion-MNIST sample from the full IDX files (Debian's {@code
 * dataset-fashion-mnist}): the first 4,000 training and first 1,000 test images and labels, as gzip
 * IDX files, plus a {@code SHA256SUMS} file in {@code sha256sum} format.
 *
 * <p>Usage, from the repository root after {@code mvn -pl core -am test-compile}:
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes \
 *     org.gen4j.core.data.FashionMnistSampleGenerator \
 *     /usr/share/datasets/fashion-mnist \
 *     core/src/main/resources/org/gen4j/core/data/fashion-mnist-sample
 * </pre>
 */
public final class FashionMnistSampleGenerator {

    /** The files of the sample, in the order they are listed in {@code SHA256SUMS}. */
    static final List<String> FILES = List.of(
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz");

    private FashionMnistSampleGenerator() {}

    /**
     * Writes the sample.
     *
     * @param args the source folder and the target folder
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FashionMnistSampleGenerator SOURCE_DIR TARGET_DIR");
            System.exit(2);
        }
        generate(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes the four sample files and {@code SHA256SUMS} from {@code source} into {@code target}. */
    static void generate(Path source, Path target) throws IOException {
        writeSplit(source, target, "train", FashionMnist.SAMPLE_TRAIN_SIZE);
        writeSplit(source, target, "t10k", FashionMnist.SAMPLE_TEST_SIZE);
        StringBuilder sums = new StringBuilder();
        for (String name : FILES) {
            sums.append(sha256(Files.readAllBytes(target.resolve(name)))).append("  ")
                    .append(name).append('\n');
        }
        Files.writeString(target.resolve("SHA256SUMS"), sums.toString());
    }

    private static void writeSplit(Path source, Path target, String prefix, int n)
            throws IOException {
        IdxFiles.Images images =
                IdxFiles.readImages(source.resolve(prefix + "-images-idx3-ubyte.gz")).first(n);
        byte[] labels = Arrays.copyOf(
                IdxFiles.readLabels(source.resolve(prefix + "-labels-idx1-ubyte.gz")), n);
        IdxWriter.writeImages(target.resolve(prefix + "-images-idx3-ubyte.gz"), images);
        IdxWriter.writeLabels(target.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    /** The lower-case hex SHA-256 of the bytes. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
