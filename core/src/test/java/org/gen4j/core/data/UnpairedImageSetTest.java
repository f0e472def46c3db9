package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two unpaired domains: as many samples as the larger one, sample i's image from A, and its
 * {@link BatchField#UNPAIRED} image from B, a pure function of (index, epoch) that changes from
 * epoch to epoch.
 */
class UnpairedImageSetTest {

    private static final int SIDE = 2;

    @TempDir
    Path dir;

    /** Writes {@code a} images to A/ (ids 0..) and {@code b} to B/ (ids 100..), 1x2x2 each. */
    private Path domains(String name, int a, int b) throws IOException {
        Path root = dir.resolve(name);
        for (int i = 0; i < a; i++) {
            PairedImageSetTest.png(root.resolve(String.format("A/a%02d.png", i)), i, 1, SIDE,
                    SIDE);
        }
        for (int i = 0; i < b; i++) {
            PairedImageSetTest.png(root.resolve(String.format("B/b%02d.png", i)), 100 + i, 1,
                    SIDE, SIDE);
        }
        return root;
    }

    private static SampleSet open(Path root, long seed, String direction) {
        return DataSources.open(root.toString(), new Options("data", Map.of("pairing",
                "unpaired", "direction", direction)), seed, name -> null);
    }

    /** Which image id a served image is, from its values. */
    private static int id(float[] image) {
        for (int id : candidates()) {
            float[] e = PairedImageSetTest.expected(id, 1, SIDE, SIDE);
            boolean same = true;
            for (int i = 0; i < e.length; i++) {
                same &= Math.abs(e[i] - image[i]) < 1e-6f;
            }
            if (same) {
                return id;
            }
        }
        throw new AssertionError("not one of the images written: "
                + java.util.Arrays.toString(image));
    }

    private static int[] candidates() {
        int[] ids = new int[40];
        for (int i = 0; i < 20; i++) {
            ids[i] = i;
            ids[20 + i] = 100 + i;
        }
        return ids;
    }

    private static int unpaired(SampleSet set, int index, int epoch) {
        return id(PairedImageSetTest.field(set, BatchField.UNPAIRED, index, epoch));
    }

    @Test
    void hasAsManySamplesAsTheLargerDomain() throws IOException {
        Path root = domains("r", 3, 5);
        SampleSet set = open(root, 1, "a-to-b");
        assertThat(set).isInstanceOf(UnpairedImageSet.class);
        assertThat(set.size()).isEqualTo(5);
        assertThat(set.sampleShape()).isEqualTo(new Shape(1, SIDE, SIDE));
        assertThat(set.fieldShapes()).isEqualTo(Map.of(BatchField.UNPAIRED,
                new Shape(1, SIDE, SIDE)));
        // Sample i is A's image i mod 3.
        int[] a = new int[5];
        for (int i = 0; i < 5; i++) {
            a[i] = id(PairedImageSetTest.input(set, i));
        }
        assertThat(a).containsExactly(0, 1, 2, 0, 1);

        SampleSet reversed = open(root, 1, "b-to-a");
        assertThat(reversed.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(id(PairedImageSetTest.input(reversed, i))).isEqualTo(100 + i);
            assertThat(unpaired(reversed, i, 0)).isBetween(0, 2);
        }
        assertThat(open(domains("s", 4, 2), 1, "a-to-b").size()).isEqualTo(4);
        assertThatThrownBy(() -> set.copyField(BatchField.TARGETS, 0, 0, new float[4], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no field targets");
    }

    @Test
    void theBImageIsAPureFunctionOfIndexAndEpoch() throws IOException {
        SampleSet set = open(domains("r", 3, 5), 42, "a-to-b");
        int epochs = 4;
        int[][] first = new int[epochs][5];
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < 5; i++) {
                first[e][i] = unpaired(set, i, e);
            }
        }
        // Again, epochs backwards and indices interleaved with other epochs.
        for (int e = epochs - 1; e >= 0; e--) {
            for (int i = 4; i >= 0; i--) {
                assertThat(unpaired(set, i, e)).as("index %d epoch %d", i, e)
                        .isEqualTo(first[e][i]);
                unpaired(set, i, (e + 1) % epochs);
            }
        }
        // A new set of the same seed serves the same; one of another seed other pairs.
        SampleSet same = open(domains("r2", 3, 5), 42, "a-to-b");
        SampleSet other = open(domains("r3", 3, 5), 43, "a-to-b");
        boolean otherDiffers = false;
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < 5; i++) {
                assertThat(unpaired(same, i, e)).isEqualTo(first[e][i]);
                otherDiffers |= unpaired(other, i, e) != first[e][i];
            }
        }
        assertThat(otherDiffers).as("another seed gives other pairs").isTrue();
        boolean changes = false;
        for (int e = 1; e < epochs; e++) {
            for (int i = 0; i < 5; i++) {
                changes |= first[e][i] != first[0][i];
            }
        }
        assertThat(changes).as("the pairs change between epochs").isTrue();
    }

    @Test
    void everyBImageAppearsInAnEpoch() throws IOException {
        SampleSet set = open(domains("r", 3, 5), 7, "a-to-b");
        for (int e = 0; e < 3; e++) {
            int[] b = new int[5];
            for (int i = 0; i < 5; i++) {
                b[i] = unpaired(set, i, e);
            }
            assertThat(b).as("epoch %d", e).containsExactlyInAnyOrder(100, 101, 102, 103, 104);
        }
        // B smaller than A: each B image still appears in every epoch.
        SampleSet small = open(domains("s", 5, 3), 7, "a-to-b");
        assertThat(small.size()).isEqualTo(5);
        for (int e = 0; e < 3; e++) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                seen.add(unpaired(small, i, e));
            }
            assertThat(seen).as("epoch %d", e).containsExactlyInAnyOrder(100, 101, 102);
        }
    }

    @Test
    void refusesDomainsOfDifferentShapes() throws IOException {
        Path root = dir.resolve("mixed");
        PairedImageSetTest.png(root.resolve("A/a.png"), 0, 1, 2, 2);
        PairedImageSetTest.png(root.resolve("B/b.png"), 1, 1, 3, 3);
        assertThatThrownBy(() -> open(root, 0, "a-to-b"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("the two domains must have one image shape");
    }
}
