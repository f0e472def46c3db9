package org.gen4j.evaluation.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.IdxFiles;
import org.gen4j.core.data.IdxWriter;

/** Images and labels of the Fashion-MNIST sample embedded in gen4j-core, for tests. */
final class SampleImages {

    static final int PIXELS = 28 * 28;

    private SampleImages() {}

    /**
     * The first {@code n} images of a split.
     *
     * @param split "train" (4,000 images) or "test" (1,000)
     * @param n how many
     */
    static Batch first(String split, int n) {
        IdxDataset data = FashionMnist.sample(split);
        float[] x = new float[n * PIXELS];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            data.copySample(i, x, i * PIXELS);
            y[i] = data.label(i);
        }
        return new Batch(x, y);
    }

    /**
     * The first {@code n} images of a split as a data set.
     *
     * @param split "train" or "test"
     * @param n how many
     */
    static IdxDataset dataset(String split, int n) {
        IdxDataset data = FashionMnist.sample(split);
        byte[] pixels = new byte[n * PIXELS];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.pixels(i), 0, pixels, i * PIXELS, PIXELS);
            labels[i] = (byte) data.label(i);
        }
        return IdxDataset.of(new IdxFiles.Images(n, 28, 28, pixels), labels,
                "the first " + n + " sample " + split + " images");
    }

    /**
     * Writes an MNIST-layout folder (four gzip IDX files) from the first images of the sample.
     *
     * @param dir the folder
     * @param train how many training images
     * @param test how many test images
     */
    static void writeIdxFolder(Path dir, int train, int test) throws IOException {
        write(dir, "train", IdxDataset.TRAIN, train);
        write(dir, "t10k", IdxDataset.TEST, test);
    }

    private static void write(Path dir, String prefix, String split, int n) throws IOException {
        IdxDataset data = FashionMnist.sample(split);
        byte[] pixels = new byte[n * PIXELS];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.pixels(i), 0, pixels, i * PIXELS, PIXELS);
            labels[i] = (byte) data.label(i);
        }
        IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                new IdxFiles.Images(n, 28, 28, pixels));
        IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    /**
     * Images and their labels.
     *
     * @param images {@code n * 784} pixels in [-1, 1]
     * @param labels {@code n} classes
     */
    record Batch(float[] images, int[] labels) {

        int size() {
            return labels.length;
        }

        Batch range(int from, int to) {
            return new Batch(Arrays.copyOfRange(images, from * PIXELS, to * PIXELS),
                    Arrays.copyOfRange(labels, from, to));
        }
    }
}
