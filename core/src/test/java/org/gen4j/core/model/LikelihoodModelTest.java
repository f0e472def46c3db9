package org.gen4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The conversion from a dequantised density to the NLL of discrete data. */
class LikelihoodModelTest {

    @Test
    void aUniformDensityOnTheUnitCubeGivesEightBitsPerDimension() {
        // The uniform density on [0, 1)^D has -ln p = 0; with bins of width 1/256 each of the
        // 256^D values has probability 256^-D, so the discrete NLL is D ln 256 (8 bits/dim).
        long d = 784;
        double nll = LikelihoodModel.discreteFromDensity(0.0, d, 1.0 / 256);
        assertThat(nll / (d * Math.log(2))).isCloseTo(8.0, within(1e-12));
    }

    @Test
    void gen4jBinsAreTwoOver255Wide() {
        assertThat(LikelihoodModel.GEN4J_BIN_WIDTH * 255).isCloseTo(2.0, within(1e-15));
        assertThat(LikelihoodModel.discreteFromDensity(10.0, 2, LikelihoodModel.GEN4J_BIN_WIDTH))
                .isCloseTo(10.0 + 2 * Math.log(127.5), within(1e-12));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> LikelihoodModel.discreteFromDensity(1, 1, 0))
                .hasMessage("binWidth must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> LikelihoodModel.discreteFromDensity(1, 0, 0.5))
                .hasMessage("dimensions must be >= 1, got 0");
    }
}
