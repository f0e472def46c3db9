package org.gen4j.core.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.gen4j.core.util.AtomicFiles;

/**
 * Writes MNIST-format IDX files of unsigned bytes, the files {@link IdxFiles} reads: images
 * ({@code idx3}, magic 2051, {@code n x rows x cols}) and labels ({@code idx1}, magic 2049,
 * {@code n}).
 *
 * <p>Writing goes through {@link AtomicFiles}, so a reader never sees a partial file. A target
 * whose name ends with {@code .gz} is written gzip-compressed at the best compression level; the
 * output is deterministic (the gzip header carries no time stamp or file name).
 */
public final class IdxWriter {

    private IdxWriter() {}

    /**
     * Writes images as an IDX3 unsigned-byte file, atomically; gzip when the name ends with
     * {@code .gz}.
     *
     * @param file the target; its folder is created when missing
     * @param images the images to write
     * @throws IOException when the file cannot be written
     */
    public static void writeImages(Path file, IdxFiles.Images images) throws IOException {
        Objects.requireNonNull(images, "images is null");
        ByteBuffer header = ByteBuffer.allocate(IdxFiles.IMAGES_HEADER_BYTES);
        header.putInt(IdxFiles.IMAGES_MAGIC).putInt(images.count()).putInt(images.rows())
                .putInt(images.cols());
        write(file, header.array(), images.pixels());
    }

    /**
     * Writes samples in [-1, 1] (as served by {@link SampleSet#copySample}) as an IDX3 file of
     * unsigned bytes, atomically; gzip when the name ends with {@code .gz}. Each value becomes
     * {@code round((v + 1) * 127.5)}, clamped to [0, 255].
     *
     * <p>This is how generated single-channel samples are handed to other tools for scoring.
     *
     * @param file the target; its folder is created when missing
     * @param samples {@code count * rows * cols} values, laid out {@code (N, rows, cols)} or {@code
     *     (N, 1, rows, cols)}
     * @param count the number of images, &gt; 0
     * @param rows the height of each image, &gt; 0
     * @param cols the width of each image, &gt; 0
     * @throws IOException when the file cannot be written
     */
    public static void writeImages(Path file, float[] samples, int count, int rows, int cols)
            throws IOException {
        Objects.requireNonNull(samples, "samples is null");
        long expected = IdxFiles.pixelCount(count, rows, cols);
        if (samples.length != expected) {
            throw new IllegalArgumentException(
                    file + ": " + count + " images of " + rows + " x " + cols + " need "
                            + expected + " values, got " + samples.length);
        }
        writeImages(file, new IdxFiles.Images(count, rows, cols, IdxFiles.toUint8(samples)));
    }

    /**
     * Writes labels as an IDX1 unsigned-byte file, atomically; gzip when the name ends with
     * {@code .gz}.
     *
     * @param file the target; its folder is created when missing
     * @param labels one byte per sample, at least one
     * @throws IOException when the file cannot be written
     */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        Objects.requireNonNull(labels, "labels is null");
        if (labels.length == 0) {
            throw new IllegalArgumentException(
                    file + ": an IDX1 label file needs at least one label");
        }
        ByteBuffer header = ByteBuffer.allocate(IdxFiles.LABELS_HEADER_BYTES);
        header.putInt(IdxFiles.LABELS_MAGIC).putInt(labels.length);
        write(file, header.array(), labels);
    }

    private static void write(Path file, byte[] header, byte[] payload) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            if (gzip) {
                try (GZIPOutputStream gz = new BestGzipOutputStream(out)) {
                    gz.write(header);
                    gz.write(payload);
                }
            } else {
                out.write(header);
                out.write(payload);
            }
        });
    }

    /** Gzip at the best compression level, with the JDK's fixed header (no time, no name). */
    private static final class BestGzipOutputStream extends GZIPOutputStream {
        BestGzipOutputStream(OutputStream out) throws IOException {
            super(out, IdxFiles.BUFFER_BYTES);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
