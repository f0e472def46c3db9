package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path dir;

    @Test
    void servesScaledPixelsAndLabels() throws IOException {
        byte[] pixels = {0, (byte) 255, (byte) 128, 1, 2, 3, 4, 5};
        IdxWriter.writeImages(dir.resolve("train-images-idx3-ubyte.gz"),
                new IdxFiles.Images(2, 2, 2, pixels));
        IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {3, 7});
        IdxDataset set = IdxDataset.fromFolder(dir, "train");
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.sampleShape()).isEqualTo(new Shape(1, 2, 2));
        assertThat(set.hasLabels()).isTrue();
        assertThat(set.label(1)).isEqualTo(7);
        assertThat(set.numClasses()).isEqualTo(8);
        float[] dst = new float[6];
        set.copySample(0, dst, 1);
        assertThat(dst).containsExactly(0f, -1f, 1f, 128 / 127.5f - 1f, 1 / 127.5f - 1f, 0f);
        assertThat(set.description()).contains("train-images-idx3-ubyte.gz");
    }

    @Test
    void testSplitUsesT10kFilesAndLabelsAreOptional() throws IOException {
        IdxWriter.writeImages(dir.resolve("t10k-images-idx3-ubyte"), IdxFilesTest.images(3, 2, 2));
        IdxDataset set = IdxDataset.fromFolder(dir, "test");
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.hasLabels()).isFalse();
        assertThat(set.numClasses()).isZero();
        assertThatThrownBy(() -> set.label(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void labelCountMismatchNamesBothFiles() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeImages(images, IdxFilesTest.images(4, 2, 2));
        IdxWriter.writeLabels(labels, new byte[3]);
        assertThatThrownBy(() -> IdxDataset.fromFolder(dir, "train"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(images + " holds 4 images")
                .hasMessageContaining(labels + " holds 3 labels");
    }

    @Test
    void folderWithoutIdxFilesListsWhatItLookedForAndFound() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> IdxDataset.fromFolder(dir, "train"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("looked for train-images-idx3-ubyte or "
                        + "train-images-idx3-ubyte.gz")
                .hasMessageContaining("found [notes.txt, sub/]");
        assertThatThrownBy(() -> IdxDataset.fromFolder(dir, "valid"))
                .hasMessageContaining("must be one of [test, train], got 'valid'");
        assertThatThrownBy(() -> IdxDataset.fromFolder(dir.resolve("missing"), "train"))
                .hasMessageContaining("missing' does not exist");
    }
}
