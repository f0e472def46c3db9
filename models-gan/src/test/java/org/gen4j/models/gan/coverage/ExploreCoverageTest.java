package org.gen4j.models.gan.coverage;

import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.spi.Gen4j;
import org.junit.jupiter.api.Test;

class ExploreCoverageTest {
    @Test
    void explore() {
        var ring = GaussianMixture.ring(8, 2.0, 0.02, 10, 1);
        for (String label : System.getProperty("explore.labels", "non-saturating,wgan-gp").split(",")) {
            for (String s : System.getProperty("explore.steps", "1500,3000").split(",")) {
                int steps = Integer.parseInt(s);
                var r = MixtureCoverage.run(Gen4j.registry(), ring,
                        MixtureCoverage.standardConfig(label, steps, 1));
                System.out.printf("EXPLORE %s steps=%d modes=%d hq=%.3f sec=%.1f per=%s%n", label, steps,
                        r.coverage().covered(), r.coverage().highQualityShare(), r.seconds(),
                        java.util.Arrays.toString(r.coverage().perMode()));
            }
        }
    }
}
