package org.gen4j.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.core.data.GaussianMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 fingerprints: the standard test vector, little-endian floats, whole sample sets. */
class Sha256Test {

    @Test
    void hashesTheStandardTestVector(@TempDir Path dir) throws Exception {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.ofBytes("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(abc);
        Path file = dir.resolve("weights.params");
        Files.writeString(file, "abc", StandardCharsets.US_ASCII);
        assertThat(Sha256.ofFile(file)).isEqualTo(abc);
    }

    @Test
    void floatsAreHashedAsLittleEndianBinary32() {
        // 1.0f is 0x3F800000, -2.0f is 0xC0000000.
        byte[] bytes = {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0};
        assertThat(Sha256.ofFloats(new float[] {1.0f, -2.0f})).isEqualTo(Sha256.ofBytes(bytes));
        float[] many = new float[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 0.5f;
        }
        byte[] manyBytes = new byte[4 * many.length];
        for (int i = 0; i < many.length; i++) {
            int b = Float.floatToRawIntBits(many[i]);
            for (int k = 0; k < 4; k++) {
                manyBytes[4 * i + k] = (byte) (b >>> (8 * k));
            }
        }
        assertThat(Sha256.ofFloats(many)).isEqualTo(Sha256.ofBytes(manyBytes));
    }

    @Test
    void aSampleSetHashesAsItsSamplesInOrder() {
        GaussianMixture ring = GaussianMixture.ring(8, 2.0, 0.02, 100, 5);
        float[] all = new float[200];
        for (int i = 0; i < 100; i++) {
            ring.copySample(i, all, 2 * i);
        }
        assertThat(Sha256.ofSamples(ring)).isEqualTo(Sha256.ofFloats(all))
                .isNotEqualTo(Sha256.ofSamples(GaussianMixture.ring(8, 2.0, 0.02, 100, 6)));
    }
}
