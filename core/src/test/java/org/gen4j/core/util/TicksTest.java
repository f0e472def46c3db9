package org.gen4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void niceStepsAndValues() {
        assertThat(Ticks.step(0, 10, 5)).isEqualTo(2.0);
        assertThat(Ticks.step(0, 1000, 8)).isEqualTo(100.0);
        assertThat(Ticks.step(0, 0.7, 6)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Ticks.values(-0.3, 1.1, 6)).hasSize(7);
        assertThat(Ticks.values(0, 10, 5)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(Ticks.values(-3, 3, 6)).containsExactly(-3, -2, -1, 0, 1, 2, 3);
    }

    @Test
    void labels() {
        assertThat(Ticks.format(1200, 200)).isEqualTo("1200");
        assertThat(Ticks.format(0.30000000000000004, 0.1)).isEqualTo("0.3");
        assertThat(Ticks.format(-0.0, 0.5)).isEqualTo("0");
        assertThat(Ticks.format(1e-17, 0.1)).isEqualTo("0");
        assertThat(Ticks.format(2.5, 0.5)).isEqualTo("2.5");
        assertThat(Ticks.format(2e-5, 1e-5)).isEqualTo("2e-5");
        assertThat(Ticks.format(2.5e7, 5e6)).isEqualTo("2.5e7");
    }

    @Test
    void badRangesAreRejected() {
        assertThatThrownBy(() -> Ticks.step(1, 1, 5))
                .hasMessageContaining("tick range must be finite with max > min, got [1.0, 1.0]");
        assertThatThrownBy(() -> Ticks.step(0, 1, 0))
                .hasMessageContaining("target tick count must be >= 1, got 0");
    }
}
