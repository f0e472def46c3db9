package org.gen4j.models.gan.coverage;

import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.spi.Gen4j;
import org.junit.jupiter.api.Test;

class ExploreCoverageTest {
    @Test
    void explore() {
        var ring = GaussianMixture.ring(8, 2.0, 0.02, 10, 1);
        for (float init : new float[] {0.1f, 0.2f}) {
            for (int steps : new int[] {600, 1200}) {
                var r = MixtureCoverage.run(Gen4j.registry(), ring,
                        MixtureCoverage.Config.of("ns", "non-saturating", steps, 1).with(steps, 256, init));
                System.out.printf("EXPLORE init=%.2f steps=%d modes=%d hq=%.3f sec=%.1f per=%s%n", init, steps,
                        r.coverage().covered(), r.coverage().highQualityShare(), r.seconds(),
                        java.util.Arrays.toString(r.coverage().perMode()));
            }
        }
    }
}
