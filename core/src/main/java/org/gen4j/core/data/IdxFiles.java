package org.gen4j.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-format IDX files of unsigned bytes: images ({@code idx3}, magic 2051,
 * {@code n x rows x cols}) and labels ({@code idx1}, magic 2049, {@code n}); {@link IdxWriter}
 * writes them.
 *
 * <p>Files may be plain or gzip-compressed; gzip is recognised by its magic bytes ({@code 1f 8b}),
 * whatever the file is called. Reading checks the magic number, that every dimension is positive,
 * and that the data after the header has exactly the length the header announces: a truncated file
 * or one with trailing bytes is an error. Every error is a {@link DataException} whose message
 * starts with the file name.
 */
public final class IdxFiles {

    /** The magic number of an IDX file of unsigned-byte images ({@code n x rows x cols}). */
    public static final int IMAGES_MAGIC = 0x00000803;

    /** The magic number of an IDX file of unsigned-byte labels ({@code n}). */
    public static final int LABELS_MAGIC = 0x00000801;

    static final int IMAGES_HEADER_BYTES = 16;
    static final int LABELS_HEADER_BYTES = 8;
    static final int BUFFER_BYTES = 1 << 16;
    // The largest Java array the VM reliably allocates.
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private IdxFiles() {}

    /**
     * Images read from or written to an IDX3 file: {@code count} images of {@code rows x cols}
     * unsigned bytes, stored image after image, row-major.
     *
     * <p>The pixel array is not copied: whoever builds the record hands it over.
     *
     * @param count the number of images, &gt; 0
     * @param rows the height of each image in pixels, &gt; 0
     * @param cols the width of each image in pixels, &gt; 0
     * @param pixels {@code count * rows * cols} bytes, each read as unsigned (0..255)
     */
    public record Images(int count, int rows, int cols, byte[] pixels) {

        /** Checks that the dimensions are positive and match the pixel array. */
        public Images {
            Objects.requireNonNull(pixels, "pixels is null");
            if (count <= 0 || rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException(
                        "IDX images need count, rows and cols > 0, got " + count + " x " + rows
                                + " x " + cols);
            }
            long expected = pixelCount(count, rows, cols);
            if (pixels.length != expected) {
                throw new IllegalArgumentException(
                        "IDX images of " + count + " x " + rows + " x " + cols + " need "
                                + expected + " pixel bytes, got " + pixels.length);
            }
        }

        /** The number of pixels in one image ({@code rows * cols}). */
        public int imageBytes() {
            return rows * cols;
        }

        /**
         * The first {@code n} images, as a new record with its own copy of the pixels.
         *
         * @param n how many images to keep, in [1, count]
         */
        public Images first(int n) {
            if (n <= 0 || n > count) {
                throw new IllegalArgumentException(
                        "can keep between 1 and " + count + " images, asked for " + n);
            }
            return new Images(n, rows, cols, Arrays.copyOf(pixels, n * imageBytes()));
        }
    }

    /**
     * Reads an IDX3 file of unsigned-byte images, plain or gzip.
     *
     * @param file the file to read
     * @throws DataException when the file is missing, unreadable or malformed; the message names it
     */
    public static Images readImages(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file does not exist", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads IDX3 unsigned-byte images from a stream, plain or gzip; the stream is read to its end
     * but not closed.
     *
     * @param in the stream, positioned at the start of the file
     * @param source the name used in error messages (a file name or resource path)
     * @throws DataException when the data is malformed or cannot be read
     */
    public static Images readImages(InputStream in, String source) {
        try {
            InputStream data = decompressing(in);
            byte[] header = readHeader(data, IMAGES_HEADER_BYTES, source, "IDX3 images");
            ByteBuffer h = ByteBuffer.wrap(header);
            checkMagic(h.getInt(), IMAGES_MAGIC, source);
            int count = h.getInt();
            int rows = h.getInt();
            int cols = h.getInt();
            if (count <= 0 || rows <= 0 || cols <= 0) {
                throw new DataException(
                        source + ": the header gives " + Integer.toUnsignedString(count)
                                + " images of " + Integer.toUnsignedString(rows) + " x "
                                + Integer.toUnsignedString(cols)
                                + " pixels; count, rows and cols must be between 1 and "
                                + Integer.MAX_VALUE);
            }
            long bytes = pixelCount(count, rows, cols);
            if (bytes > MAX_ARRAY_BYTES) {
                throw new DataException(
                        source + ": " + count + " images of " + rows + " x " + cols + " are "
                                + (bytes == Long.MAX_VALUE ? "more than 2^63" : bytes)
                                + " bytes, more than the " + MAX_ARRAY_BYTES
                                + " one file may hold in gen4j");
            }
            byte[] pixels = readPayload(data, (int) bytes, source, "pixels");
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads an IDX1 file of unsigned-byte labels, plain or gzip.
     *
     * @param file the file to read
     * @return one byte per sample; read each as unsigned ({@code b & 0xFF})
     * @throws DataException when the file is missing, unreadable or malformed; the message names it
     */
    public static byte[] readLabels(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file does not exist", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads IDX1 unsigned-byte labels from a stream, plain or gzip; the stream is read to its end
     * but not closed.
     *
     * @param in the stream, positioned at the start of the file
     * @param source the name used in error messages
     * @return one byte per sample; read each as unsigned ({@code b & 0xFF})
     * @throws DataException when the data is malformed or cannot be read
     */
    public static byte[] readLabels(InputStream in, String source) {
        try {
            InputStream data = decompressing(in);
            byte[] header = readHeader(data, LABELS_HEADER_BYTES, source, "IDX1 labels");
            ByteBuffer h = ByteBuffer.wrap(header);
            checkMagic(h.getInt(), LABELS_MAGIC, source);
            int count = h.getInt();
            if (count <= 0) {
                throw new DataException(
                        source + ": the header gives " + Integer.toUnsignedString(count)
                                + " labels; the count must be between 1 and "
                                + Integer.MAX_VALUE);
            }
            return readPayload(data, count, source, "labels");
        } catch (IOException e) {
            throw new DataException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Whether a file starts with the gzip magic bytes {@code 1f 8b}.
     *
     * @param file the file to look at
     * @throws DataException when the file cannot be read
     */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Converts {@code n} uint8 pixels to floats in [-1, 1] ({@code p / 127.5 - 1}), the inverse of
     * {@link #toUint8}.
     */
    public static void toFloats(byte[] src, int srcOffset, float[] dst, int dstOffset, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = (src[srcOffset + i] & 0xFF) / 127.5f - 1f;
        }
    }

    /**
     * Converts values in [-1, 1] to unsigned bytes: {@code round((v + 1) * 127.5)} clamped to
     * [0, 255]; NaN becomes 0. This is the inverse of {@code pixel / 127.5 - 1}.
     *
     * @param values the values to convert
     * @return one byte per value, to be read as unsigned
     */
    public static byte[] toUint8(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            long v = Math.round((values[i] + 1.0) * 127.5);
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return out;
    }

    private static InputStream decompressing(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, BUFFER_BYTES);
        }
        return in;
    }

    private static byte[] readHeader(InputStream in, int length, String source, String kind)
            throws IOException {
        byte[] header = new byte[length];
        int n = in.readNBytes(header, 0, length);
        if (n < length) {
            throw new DataException(
                    source + ": the data ends after " + n + " bytes, inside the " + length
                            + "-byte " + kind + " header");
        }
        return header;
    }

    private static void checkMagic(int magic, int expected, String source) {
        if (magic != expected) {
            throw new DataException(
                    source + ": expected magic number " + expected + " (" + describeMagic(expected)
                            + "), found " + Integer.toUnsignedString(magic) + " ("
                            + describeMagic(magic) + ")");
        }
    }

    private static String describeMagic(int magic) {
        if (magic == IMAGES_MAGIC) {
            return "IDX3 unsigned-byte images";
        }
        if (magic == LABELS_MAGIC) {
            return "IDX1 unsigned-byte labels";
        }
        if ((magic >>> 16) == 0x1f8b) {
            return "gzip data compressed twice";
        }
        if ((magic >>> 16) == 0 && ((magic >>> 8) & 0xFF) >= 0x08 && (magic & 0xFF) > 0) {
            return "an IDX file of element type 0x" + Integer.toHexString((magic >>> 8) & 0xFF)
                    + " with " + (magic & 0xFF) + " dimensions, which gen4j does not read";
        }
        return "not an IDX file";
    }

    /**
     * {@code count * rows * cols}, or {@link Long#MAX_VALUE} when the product does not fit a long:
     * three ints can overflow even a long, and a wrapped product once passed the size check
     * (found by fuzzing).
     */
    static long pixelCount(int count, int rows, int cols) {
        try {
            return Math.multiplyExact(Math.multiplyExact((long) count, rows), cols);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static byte[] readPayload(InputStream in, int length, String source, String what)
            throws IOException {
        // Memory follows the bytes that are there, not the header's claim: a 16-byte file whose
        // header promises 2 GB must fail as truncated, not allocate 2 GB (found by fuzzing).
        byte[] data = new byte[Math.min(length, BUFFER_BYTES)];
        int n = 0;
        while (n < length) {
            if (n == data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
            }
            int r = in.read(data, n, data.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n < length) {
            throw new DataException(
                    source + ": expected " + length + " bytes of " + what
                            + " after the header, found " + n + " (the file is truncated)");
        }
        long trailing = 0;
        byte[] scratch = new byte[BUFFER_BYTES];
        int r;
        while ((r = in.read(scratch)) > 0) {
            trailing += r;
        }
        if (trailing > 0) {
            throw new DataException(
                    source + ": expected " + length + " bytes of " + what
                            + " after the header, found " + (length + trailing) + " ("
                            + trailing + " trailing bytes)");
        }
        return data;
    }
}
