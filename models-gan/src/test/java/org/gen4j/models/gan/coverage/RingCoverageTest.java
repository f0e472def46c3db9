package org.gen4j.models.gan.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.util.Arrays;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.spi.Gen4j;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The subset of the mode-coverage table ({@code bench/run modes}) that {@code bench/quality} runs
 * (tag {@code quality}: 3.5 minutes on 2 cores, left out of the README's test command): on the
 * 8-Gaussian ring (radius 2, std 0.02), with the table's fixed settings, seed 1 and 3,000 steps,
 * the non-saturating GAN and WGAN-GP each cover at least 7 of the 8 modes (a mode counts when at
 * least 20 of 2,500 samples lie within 3 std of it).
 *
 * <p>A fixed seed, because a GAN on the ring does not cover it at every seed: with the table's
 * settings the non-saturating GAN covered 8, 7, 7, 1 and 7 modes at seeds 1 to 5 (seed 4 spread
 * over all modes, but too blurry), measured on MXNet with one thread. The outcome of a seed
 * depends on the engine's rounding (a GAN amplifies it), so this runs on the MXNet engine only
 * and is skipped in the PyTorch pass.
 */
@Tag("quality")
class RingCoverageTest {

    @ParameterizedTest(name = "{0}, {1} steps")
    @CsvSource({"non-saturating, 3000", "wgan-gp, 3000"})
    void coversAtLeastSevenOfEightModes(String label, int steps) {
        assumeTrue(Engine.getInstance().getEngineName().equals("MXNet"),
                "the fixed seed's outcome was measured on MXNet");
        GaussianMixture ring = GaussianMixture.ring(8, 2.0, 0.02, 1, 1);
        MixtureCoverage.Result r = MixtureCoverage.run(Gen4j.registry(), ring,
                MixtureCoverage.standardConfig(label, steps, 1));
        assertThat(r.coverage().covered())
                .as("%s: modes covered (high-quality samples per mode %s, share %.3f)", label,
                        Arrays.toString(r.coverage().perMode()),
                        r.coverage().highQualityShare())
                .isGreaterThanOrEqualTo(7);
        assertThat(r.points()).hasSize(2 * MixtureCoverage.SCORED_SAMPLES);
    }
}
