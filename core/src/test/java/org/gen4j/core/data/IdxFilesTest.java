package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    @TempDir
    Path dir;

    static IdxFiles.Images images(int n, int rows, int cols) {
        byte[] p = new byte[n * rows * cols];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 37 + 11);
        }
        return new IdxFiles.Images(n, rows, cols, p);
    }

    static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    @Test
    void imagesRoundTripPlain() throws IOException {
        IdxFiles.Images in = images(5, 3, 4);
        Path f = dir.resolve("x-images-idx3-ubyte");
        IdxWriter.writeImages(f, in);
        assertThat(IdxFiles.isGzip(f)).isFalse();
        assertThat(Files.size(f)).isEqualTo(16 + 60);
        assertThat(Arrays.copyOf(Files.readAllBytes(f), 16)).isEqualTo(header(2051, 5, 3, 4));
        IdxFiles.Images out = IdxFiles.readImages(f);
        assertThat(out.count()).isEqualTo(5);
        assertThat(out.rows()).isEqualTo(3);
        assertThat(out.cols()).isEqualTo(4);
        assertThat(out.pixels()).isEqualTo(in.pixels());
    }

    @Test
    void imagesRoundTripGzipAndDetectionByMagicBytes() throws IOException {
        IdxFiles.Images in = images(7, 2, 5);
        Path f = dir.resolve("x-images-idx3-ubyte.gz");
        IdxWriter.writeImages(f, in);
        assertThat(IdxFiles.isGzip(f)).isTrue();
        assertThat(IdxFiles.readImages(f).pixels()).isEqualTo(in.pixels());
        // Gzip data under a plain name is still recognised.
        Path renamed = Files.move(f, dir.resolve("renamed-idx3-ubyte"));
        assertThat(IdxFiles.readImages(renamed).pixels()).isEqualTo(in.pixels());
        // And plain data under a .gz name too.
        Path plain = dir.resolve("plain.gz");
        Files.write(plain, concat(header(2051, 7, 2, 5), in.pixels()));
        assertThat(IdxFiles.readImages(plain).pixels()).isEqualTo(in.pixels());
    }

    @Test
    void gzipOutputIsDeterministic() throws IOException {
        Path a = dir.resolve("a.gz");
        Path b = dir.resolve("b.gz");
        IdxWriter.writeImages(a, images(3, 4, 4));
        IdxWriter.writeImages(b, images(3, 4, 4));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void labelsRoundTripPlainAndGzip() throws IOException {
        byte[] labels = {0, 9, (byte) 200, 3};
        for (String name : new String[] {"l-idx1-ubyte", "l-idx1-ubyte.gz"}) {
            Path f = dir.resolve(name);
            IdxWriter.writeLabels(f, labels);
            assertThat(IdxFiles.readLabels(f)).isEqualTo(labels);
        }
        assertThat(IdxFiles.readLabels(dir.resolve("l-idx1-ubyte"))[2] & 0xFF).isEqualTo(200);
    }

    @Test
    void floatSamplesAreWrittenAsUint8() throws IOException {
        float[] samples = {-1f, 1f, 0f, -2f, 3f, Float.NaN};
        Path f = dir.resolve("gen.gz");
        IdxWriter.writeImages(f, samples, 1, 2, 3);
        byte[] p = IdxFiles.readImages(f).pixels();
        assertThat(new int[] {p[0] & 0xFF, p[1] & 0xFF, p[2] & 0xFF, p[3] & 0xFF, p[4] & 0xFF,
                p[5] & 0xFF}).containsExactly(0, 255, 128, 0, 255, 0);
        // Inverse of pixel / 127.5 - 1 for every pixel value.
        float[] all = new float[256];
        for (int v = 0; v < 256; v++) {
            all[v] = v / 127.5f - 1f;
        }
        byte[] back = IdxFiles.toUint8(all);
        for (int v = 0; v < 256; v++) {
            assertThat(back[v] & 0xFF).isEqualTo(v);
        }
        assertThatThrownBy(() -> IdxWriter.writeImages(dir.resolve("bad"), samples, 2, 2, 3))
                .hasMessageContaining("bad").hasMessageContaining("need 12 values, got 6");
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        Path f = dir.resolve("train-images-idx3-ubyte");
        Files.write(f, concat(header(2049, 2, 2, 2), new byte[8]));
        assertThatThrownBy(() -> IdxFiles.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("expected magic number 2051")
                .hasMessageContaining("found 2049 (IDX1 unsigned-byte labels)");
        Path g = dir.resolve("labels.gz");
        Files.write(g, gzip(concat(header(1234, 2), new byte[2])));
        assertThatThrownBy(() -> IdxFiles.readLabels(g))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("labels.gz")
                .hasMessageContaining("expected magic number 2049")
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void truncatedPixelsNameTheFileAndBothLengths() throws IOException {
        Path f = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(f, gzip(concat(header(2051, 60000, 28, 28), new byte[1000])));
        assertThatThrownBy(() -> IdxFiles.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz: expected 47040000 bytes of "
                        + "pixels after the header, found 1000");
    }

    @Test
    void truncatedHeaderAndGzipStream() throws IOException {
        Path f = dir.resolve("short-idx3-ubyte");
        Files.write(f, new byte[] {0, 0, 8, 3, 0, 0});
        assertThatThrownBy(() -> IdxFiles.readImages(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("ends after 6 bytes, inside the 16-byte IDX3 images header");
        byte[] gz = gzip(concat(header(2051, 4, 10, 10), new byte[400]));
        Path g = dir.resolve("cut.gz");
        Files.write(g, Arrays.copyOf(gz, gz.length - 12));
        assertThatThrownBy(() -> IdxFiles.readImages(g))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(g.toString());
    }

    @Test
    void trailingBytesNameTheFile() throws IOException {
        Path f = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(f, concat(header(2049, 3), new byte[5]));
        assertThatThrownBy(() -> IdxFiles.readLabels(f))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("expected 3 bytes of labels after the header, found 5 "
                        + "(2 trailing bytes)");
    }

    @Test
    void zeroDimensionsAreRejected() throws IOException {
        Path f = dir.resolve("zero-idx3-ubyte");
        Files.write(f, header(2051, 3, 0, 28));
        assertThatThrownBy(() -> IdxFiles.readImages(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("3 images of 0 x 28")
                .hasMessageContaining("must be between 1 and");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope-idx3-ubyte");
        assertThatThrownBy(() -> IdxFiles.readImages(f))
                .isInstanceOf(DataException.class)
                .hasMessage(f + ": file does not exist");
    }

    @Test
    void streamsAreReadWithTheirSourceName() {
        byte[] data = concat(header(2051, 1, 1, 2), new byte[] {1, 2});
        IdxFiles.Images images = IdxFiles.readImages(new ByteArrayInputStream(data), "mem");
        assertThat(images.pixels()).containsExactly(1, 2);
        assertThatThrownBy(() -> IdxFiles.readImages(
                new ByteArrayInputStream(Arrays.copyOf(data, 17)), "resource:x"))
                .hasMessageStartingWith("resource:x: expected 2 bytes of pixels");
    }

    @Test
    void aHeaderPromisingMoreThanTheHeapFailsAsTruncatedWithoutAllocatingIt() throws IOException {
        // Found by fuzzing: 16 bytes whose header claims 2 GB of pixels made the reader allocate
        // 2 GB before reading, an OutOfMemoryError in the test's 2 GB heap.
        int rows = 46340;
        ByteBuffer header = ByteBuffer.allocate(16).putInt(IdxFiles.IMAGES_MAGIC).putInt(1)
                .putInt(rows).putInt(rows);
        Path file = dir.resolve("huge-idx3-ubyte");
        Files.write(file, header.array());
        assertThat((long) rows * rows).isGreaterThan(Runtime.getRuntime().maxMemory() / 2);
        assertThatThrownBy(() -> IdxFiles.readImages(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("expected " + (long) rows * rows + " bytes of pixels")
                .hasMessageContaining("found 0 (the file is truncated)");
        ByteBuffer labels = ByteBuffer.allocate(8).putInt(IdxFiles.LABELS_MAGIC)
                .putInt(Integer.MAX_VALUE - 16);
        Path labelFile = dir.resolve("huge-idx1-ubyte");
        Files.write(labelFile, labels.array());
        assertThatThrownBy(() -> IdxFiles.readLabels(labelFile))
                .isInstanceOf(DataException.class).hasMessageContaining("truncated");
    }

    @Test
    void dimensionsWhoseProductOverflowsALongAreRefused() throws IOException {
        // Found by fuzzing: 32257 x 278697108 x 1711276032 wrapped around in a long, passed the
        // size check and reached the reader as a negative length.
        ByteBuffer header = ByteBuffer.allocate(16).putInt(IdxFiles.IMAGES_MAGIC).putInt(32257)
                .putInt(278697108).putInt(1711276032);
        Path file = dir.resolve("overflow-idx3-ubyte");
        Files.write(file, header.array());
        assertThatThrownBy(() -> IdxFiles.readImages(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("are more than 2^63 bytes");
        assertThat(IdxFiles.pixelCount(32257, 278697108, 1711276032)).isEqualTo(Long.MAX_VALUE);
        assertThat(IdxFiles.pixelCount(60000, 28, 28)).isEqualTo(47_040_000L);
    }
}
