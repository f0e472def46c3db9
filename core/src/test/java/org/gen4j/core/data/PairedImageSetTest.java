package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gen4j.core.image.ImageFiles;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paired images read from a folder: {@code A/} and {@code B/} matched by name, or side-by-side
 * halves; the input is the sample, the target its {@link BatchField#TARGETS} field; and the batch
 * loader's targets.
 */
class PairedImageSetTest {

    @TempDir
    Path dir;

    /** The byte of channel {@code ch}, pixel (r, q) of image {@code id}: distinct per image. */
    static int pixel(int id, int ch, int r, int q) {
        return (23 * id + 71 * ch + 9 * r + 4 * q + 5) % 256;
    }

    /** Writes image {@code id} of {@code c x h x w} as a PNG whose bytes are {@link #pixel}. */
    static void png(Path file, int id, int c, int h, int w) throws IOException {
        float[] v = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    v[(ch * h + r) * w + q] = pixel(id, ch, r, q) / 127.5f - 1f;
                }
            }
        }
        ImageFiles.writePng(v, 0, c, h, w, file);
    }

    /** Image {@code id} as the data sets serve it, (C, H, W) in [-1, 1], from its bytes. */
    static float[] expected(int id, int c, int h, int w) {
        float[] v = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    v[(ch * h + r) * w + q] = (float) (pixel(id, ch, r, q) / 127.5 - 1);
                }
            }
        }
        return v;
    }

    static SampleSet open(Path root, Map<String, Object> options) {
        return DataSources.open(root.toString(), new Options("data", options), 0, name -> null);
    }

    static float[] input(SampleSet set, int index) {
        float[] v = new float[Math.toIntExact(set.sampleShape().size())];
        set.copySample(index, v, 0);
        return v;
    }

    static float[] field(SampleSet set, BatchField f, int index, int epoch) {
        float[] v = new float[Math.toIntExact(set.fieldShapes().get(f).size())];
        set.copyField(f, index, epoch, v, 0);
        return v;
    }

    static void assertImage(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).containsExactly(expected, within(1e-6f));
    }

    /** A/{names} are images 0.., B/{names} images 100.. of another size, written backwards. */
    private void folders(List<String> names, Shape a, Shape b) throws IOException {
        for (int i = 0; i < names.size(); i++) {
            png(dir.resolve("A/" + names.get(i) + ".png"), i, (int) a.get(0), (int) a.get(1),
                    (int) a.get(2));
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            png(dir.resolve("B/" + names.get(i) + ".png"), 100 + i, (int) b.get(0),
                    (int) b.get(1), (int) b.get(2));
        }
    }

    @Test
    void foldersPairImagesByNameAndServeBAsTargets() throws IOException {
        // Sorted by name the pairs are a, b, c: image ids 1, 2, 0 on the A side.
        List<String> names = List.of("c", "a", "b");
        Shape a = new Shape(1, 2, 2);
        Shape b = new Shape(1, 4, 4);
        folders(names, a, b);
        SampleSet set = open(dir, Map.of("pairing", "folders"));
        assertThat(set).isInstanceOf(PairedImageSet.class);
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.sampleShape()).isEqualTo(a);
        assertThat(set.fieldShapes()).isEqualTo(Map.of(BatchField.TARGETS, b));
        assertThat(set.hasLabels()).isFalse();
        assertThat(set.description()).contains("3 pairs", "A -> B");
        int[] ids = {1, 2, 0};
        for (int i = 0; i < 3; i++) {
            assertImage(input(set, i), expected(ids[i], 1, 2, 2), "input " + i);
            assertImage(field(set, BatchField.TARGETS, i, 0), expected(100 + ids[i], 1, 4, 4),
                    "target " + i);
            assertImage(field(set, BatchField.TARGETS, i, 7), expected(100 + ids[i], 1, 4, 4),
                    "target " + i + " in epoch 7");
        }
        assertThatThrownBy(() -> set.copyField(BatchField.UNPAIRED, 0, 0, new float[64], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no field unpaired");
    }

    @Test
    void colourPairsKeepTheirChannelPlanes() throws IOException {
        folders(List.of("x", "y"), new Shape(3, 2, 3), new Shape(3, 2, 3));
        SampleSet set = open(dir, Map.of("pairing", "folders"));
        assertThat(set.sampleShape()).isEqualTo(new Shape(3, 2, 3));
        assertImage(input(set, 1), expected(1, 3, 2, 3), "input y");
        assertImage(field(set, BatchField.TARGETS, 1, 0), expected(101, 3, 2, 3), "target y");
    }

    @Test
    void bToASwapsInputAndTarget() throws IOException {
        folders(List.of("p", "q"), new Shape(1, 2, 2), new Shape(1, 4, 4));
        SampleSet set = open(dir, Map.of("pairing", "folders", "direction", "b-to-a"));
        assertThat(set.sampleShape()).isEqualTo(new Shape(1, 4, 4));
        assertThat(set.fieldShapes()).isEqualTo(Map.of(BatchField.TARGETS, new Shape(1, 2, 2)));
        assertThat(set.description()).contains("B -> A");
        for (int i = 0; i < 2; i++) {
            assertImage(input(set, i), expected(100 + i, 1, 4, 4), "input " + i);
            assertImage(field(set, BatchField.TARGETS, i, 0), expected(i, 1, 2, 2),
                    "target " + i);
        }
        assertThatThrownBy(() -> open(dir, Map.of("pairing", "folders", "direction", "up")))
                .hasMessageContaining("option 'direction' must be one of [a-to-b, b-to-a]");
    }

    @Test
    void aNameWithoutPartnerIsRefusedByName() throws IOException {
        png(dir.resolve("A/one.png"), 0, 1, 2, 2);
        png(dir.resolve("A/lonely.png"), 1, 1, 2, 2);
        png(dir.resolve("B/one.png"), 2, 1, 2, 2);
        assertThatThrownBy(() -> open(dir, Map.of("pairing", "folders")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("A/lonely has no partner B/lonely.*");

        Path other = dir.resolve("other");
        png(other.resolve("A/one.png"), 0, 1, 2, 2);
        png(other.resolve("B/one.png"), 1, 1, 2, 2);
        png(other.resolve("B/stray.png"), 2, 1, 2, 2);
        assertThatThrownBy(() -> open(other, Map.of("pairing", "folders")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("B/stray has no partner A/stray.*");

        Path half = dir.resolve("half");
        png(half.resolve("A/one.png"), 0, 1, 2, 2);
        assertThatThrownBy(() -> open(half, Map.of("pairing", "folders")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("B/ is missing");
    }

    @Test
    void sideBySideSplitsEachImageIntoLeftInputAndRightTarget() throws IOException {
        // Two images 2x6 (HxW): the left 2x3 half is the input, the right one the target.
        png(dir.resolve("0.png"), 0, 1, 2, 6);
        png(dir.resolve("1.png"), 1, 1, 2, 6);
        for (Map<String, Object> options : List.<Map<String, Object>>of(
                Map.of("pairing", "side-by-side"),
                Map.of("pairing", "side-by-side", "size", "2x3"))) {
            SampleSet set = open(dir, options);
            assertThat(set.size()).isEqualTo(2);
            assertThat(set.sampleShape()).isEqualTo(new Shape(1, 2, 3));
            assertThat(set.fieldShapes()).isEqualTo(Map.of(BatchField.TARGETS,
                    new Shape(1, 2, 3)));
            for (int i = 0; i < 2; i++) {
                float[] whole = expected(i, 1, 2, 6);
                float[] left = new float[6];
                float[] right = new float[6];
                for (int r = 0; r < 2; r++) {
                    for (int q = 0; q < 3; q++) {
                        left[r * 3 + q] = whole[r * 6 + q];
                        right[r * 3 + q] = whole[r * 6 + 3 + q];
                    }
                }
                assertImage(input(set, i), left, options + " input " + i);
                assertImage(field(set, BatchField.TARGETS, i, 0), right,
                        options + " target " + i);
            }
            SampleSet reversed = open(dir, Map.of("pairing", "side-by-side",
                    "direction", "b-to-a"));
            assertImage(input(reversed, 1), field(set, BatchField.TARGETS, 1, 0),
                    "b-to-a input is the right half");
            assertImage(field(reversed, BatchField.TARGETS, 1, 0), input(set, 1),
                    "b-to-a target is the left half");
        }
    }

    @Test
    void sideBySideRefusesAnOddWidth() throws IOException {
        png(dir.resolve("0.png"), 0, 1, 2, 5);
        assertThatThrownBy(() -> open(dir, Map.of("pairing", "side-by-side")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("must be an even number of pixels wide")
                .hasMessageContaining("got 2x5 (HxW)");
    }

    @Test
    void theBatchLoaderCarriesEachSamplesTarget() throws IOException {
        List<String> names = List.of("p0", "p1", "p2", "p3", "p4", "p5");
        folders(names, new Shape(1, 2, 2), new Shape(1, 3, 3));
        SampleSet set = open(dir, Map.of("pairing", "folders"));
        try (BatchLoader loader = BatchLoader.start(set, 4, 13)) {
            for (int k = 0; k < 3; k++) {
                BatchLoader.Batch batch = loader.next();
                assertThat(batch.epoch()).isEqualTo(k);
                assertThat(batch.shape()).isEqualTo(new Shape(4, 1, 2, 2));
                assertThat(batch.labels()).isNull();
                assertThat(batch.fields().keySet()).containsExactly(BatchField.TARGETS);
                float[] targets = batch.fields().get(BatchField.TARGETS);
                assertThat(targets).hasSize(4 * 9);
                int[] indices = batch.indices();
                assertThat(indices).hasSize(4).doesNotHaveDuplicates();
                for (int j = 0; j < 4; j++) {
                    // Sorted names p0..p5: pair i is image i in A and 100 + i in B.
                    int i = indices[j];
                    float[] t = new float[9];
                    System.arraycopy(targets, 9 * j, t, 0, 9);
                    assertImage(t, expected(100 + i, 1, 3, 3), "target of sample " + i);
                    float[] x = new float[4];
                    System.arraycopy(batch.data(), 4 * j, x, 0, 4);
                    assertImage(x, expected(i, 1, 2, 2), "input of sample " + i);
                }
            }
        }
    }
}
