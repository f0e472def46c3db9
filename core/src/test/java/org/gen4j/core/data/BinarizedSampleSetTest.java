package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** Binarisation of a grayscale set: the draws, their probability, and resumable epochs. */
class BinarizedSampleSetTest {

    private static SampleSet open(String mode) {
        return DataSources.open(FashionMnist.SAMPLE_NAME, new Options("data",
                Map.of("binarize", mode)), 5, name -> FashionMnist.sampleFactory());
    }

    @Test
    void valuesAreMinusOneOrOneWithTheProbabilityOfTheIntensity() {
        SampleSet gray = FashionMnist.sample("train");
        SampleSet binary = open("fixed");
        assertThat(binary.description()).endsWith("binarised (fixed)");
        int per = 784;
        float[] g = new float[per];
        float[] b = new float[per];
        double expectedOnes = 0;
        int ones = 0;
        for (int i = 0; i < 500; i++) {
            gray.copySample(i, g, 0);
            binary.copySample(i, b, 0);
            for (int j = 0; j < per; j++) {
                assertThat(b[j]).isIn(-1f, 1f);
                expectedOnes += (g[j] + 1) / 2;
                ones += b[j] > 0 ? 1 : 0;
                if (g[j] == -1f) {
                    assertThat(b[j]).isEqualTo(-1f);
                }
            }
        }
        assertThat((double) ones).isCloseTo(expectedOnes, within(0.01 * expectedOnes));
        assertThat(binary.hasLabels()).isTrue();
        assertThat(binary.label(3)).isEqualTo(gray.label(3));
    }

    @Test
    void dynamicDrawsAnewEachEpochAndTheSameForTheSameEpoch() {
        SampleSet dynamic = open("dynamic");
        SampleSet fixed = open("fixed");
        float[] e0 = new float[784];
        float[] e0again = new float[784];
        float[] e1 = new float[784];
        dynamic.copySample(7, 0, e0, 0);
        dynamic.copySample(7, 0, e0again, 0);
        dynamic.copySample(7, 1, e1, 0);
        assertThat(e0again).isEqualTo(e0);
        assertThat(e1).isNotEqualTo(e0);
        float[] f0 = new float[784];
        float[] f1 = new float[784];
        float[] plain = new float[784];
        fixed.copySample(7, 0, f0, 0);
        fixed.copySample(7, 9, f1, 0);
        fixed.copySample(7, plain, 0);
        assertThat(f1).isEqualTo(f0).isEqualTo(plain);
        // Outside the training loader, a dynamic set reads as its fixed binarisation.
        float[] d = new float[784];
        dynamic.copySample(7, d, 0);
        assertThat(d).isEqualTo(plain);
    }

    @Test
    void theFixedDrawsFollowTheirOwnSeedNotTheRuns() {
        float[] a = new float[784];
        float[] b = new float[784];
        float[] c = new float[784];
        DataSources.open(FashionMnist.SAMPLE_NAME, new Options("data", Map.of("binarize",
                "fixed")), 5, name -> FashionMnist.sampleFactory()).copySample(4, a, 0);
        DataSources.open(FashionMnist.SAMPLE_NAME, new Options("data", Map.of("binarize",
                "fixed")), 6, name -> FashionMnist.sampleFactory()).copySample(4, b, 0);
        DataSources.open(FashionMnist.SAMPLE_NAME, new Options("data", Map.of("binarize",
                "fixed", "binarize-seed", 1)), 5, name -> FashionMnist.sampleFactory())
                .copySample(4, c, 0);
        assertThat(b).as("another run seed").isEqualTo(a);
        assertThat(c).as("another binarize-seed").isNotEqualTo(a);
        float[] d5 = new float[784];
        float[] d6 = new float[784];
        open("dynamic").copySample(4, 2, d5, 0);
        DataSources.open(FashionMnist.SAMPLE_NAME, new Options("data", Map.of("binarize",
                "dynamic")), 6, name -> FashionMnist.sampleFactory()).copySample(4, 2, d6, 0);
        assertThat(d6).as("the dynamic draws follow the run seed").isNotEqualTo(d5);
    }

    @Test
    void colourDataAndUnknownModesAreRefused() {
        SampleSet ring = GaussianMixture.ring(8, 2, 0.02, 64, 1);
        assertThatThrownBy(() -> new BinarizedSampleSet(ring, "fixed", 0, 0))
                .hasMessageContaining("binarize works on grayscale images (1, H, W)");
        assertThatThrownBy(() -> open("sometimes"))
                .hasMessageContaining("option 'binarize' must be one of [dynamic, fixed, none]");
    }
}
