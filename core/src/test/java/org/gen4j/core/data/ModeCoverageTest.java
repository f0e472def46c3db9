package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModeCoverageTest {

    private static final double[][] TWO = {{0, 0}, {10, 0}};

    @Test
    void dataFromTheMixtureCoversEveryModeWithAlmostAllSamplesHighQuality() {
        GaussianMixture ring = GaussianMixture.ring(8, 2.0, 0.02, 20_000, 7);
        float[] pts = new float[2 * ring.size()];
        for (int i = 0; i < ring.size(); i++) {
            ring.copySample(i, pts, 2 * i);
        }
        ModeCoverage c = ModeCoverage.of(pts, ring);
        assertThat(c.covered()).isEqualTo(8);
        // P(|N(0, I_2)| <= 3) = 1 - exp(-9/2) = 0.98889
        assertThat(c.highQualityShare()).isCloseTo(1 - Math.exp(-4.5), org.assertj.core.data.Offset.offset(0.004));
        assertThat(c.minCount()).isEqualTo(160);
    }

    @Test
    void countsByHand() {
        float[] pts = {0, 0, 0.29f, 0, 0, 0.31f, 10, 0, 5, 5};
        ModeCoverage c = ModeCoverage.of(pts, TWO, 0.1, 2);
        assertThat(c.perMode()).containsExactly(2, 1);
        assertThat(c.covered()).isEqualTo(1);
        assertThat(c.highQualityShare()).isEqualTo(3 / 5.0);
        assertThat(ModeCoverage.of(pts, TWO, 0.1, 1).covered()).isEqualTo(2);
    }

    @Test
    void collapsedSamplesCoverOneMode() {
        float[] pts = new float[2 * 1000];
        ModeCoverage c = ModeCoverage.of(pts, TWO, 0.1, ModeCoverage.defaultMinCount(1000));
        assertThat(c.covered()).isEqualTo(1);
        assertThat(c.highQualityShare()).isEqualTo(1.0);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ModeCoverage.of(new float[0], TWO, 0.1, 1))
                .hasMessageContaining("non-empty set of 2-D points");
        assertThatThrownBy(() -> ModeCoverage.of(new float[3], TWO, 0.1, 1))
                .hasMessageContaining("got 3 coordinates");
        assertThatThrownBy(() -> ModeCoverage.of(new float[] {Float.NaN, 0}, TWO, 0.1, 1))
                .hasMessageContaining("point 0 has a non-finite coordinate");
        assertThatThrownBy(() -> ModeCoverage.of(new float[2], TWO, 0, 1))
                .hasMessageContaining("std must be finite and > 0");
    }
}
