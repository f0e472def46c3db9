package org.gen4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.junit.jupiter.api.Test;

/** The built-in learning-rate schedules against their closed forms. */
class ScheduleTest {

    private static final Registry REGISTRY = Gen4j.registry();

    private static LearningRateSchedule schedule(String type, long total, Object... settings) {
        return ScheduleSpec.of(type, settings).resolve(REGISTRY, total).create(REGISTRY, total);
    }

    @Test
    void constantIsOneAndWarmsUpLinearly() {
        LearningRateSchedule c = schedule("constant", 100);
        assertThat(c.scale(0)).isEqualTo(1);
        assertThat(c.scale(99)).isEqualTo(1);
        LearningRateSchedule w = schedule("constant", 100, "warmup", 4);
        assertThat(new double[] {w.scale(0), w.scale(1), w.scale(2), w.scale(3), w.scale(4)})
                .containsExactly(0.25, 0.5, 0.75, 1, 1);
    }

    @Test
    void linearDecaysToEndAfterStart() {
        LearningRateSchedule l = schedule("linear", 100);
        for (long s = 0; s < 100; s++) {
            // The exact expression of the decay the mode-coverage bench used before schedules.
            assertThat(l.scale(s)).isEqualTo(1.0 - (double) s / 100);
        }
        LearningRateSchedule half = schedule("linear", 100, "start", 50, "end", 0.1);
        assertThat(half.scale(49)).isEqualTo(1);
        assertThat(half.scale(50)).isEqualTo(1);
        assertThat(half.scale(75)).isCloseTo(1 - 0.9 * 25 / 50.0, within(1e-12));
        assertThat(half.scale(100)).isCloseTo(0.1, within(1e-12));
        // CycleGAN's decay over the second half, by fraction: 1 until step 100 of 200, then
        // linearly to 0.
        LearningRateSchedule cycle = schedule("linear", 200, "start-fraction", 0.5);
        assertThat(cycle.scale(99)).isEqualTo(1);
        assertThat(cycle.scale(100)).isEqualTo(1);
        assertThat(cycle.scale(150)).isCloseTo(0.5, within(1e-12));
        assertThat(cycle.scale(199)).isCloseTo(0.01, within(1e-12));
        LearningRateSchedule warm = schedule("linear", 110, "warmup", 10);
        assertThat(warm.scale(9)).isEqualTo(1);
        assertThat(warm.scale(10)).isEqualTo(1);
        assertThat(warm.scale(60)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void stepMultipliesByGammaEveryPeriod() {
        LearningRateSchedule s = schedule("step", 1000, "every", 100, "gamma", 0.5);
        assertThat(s.scale(0)).isEqualTo(1);
        assertThat(s.scale(99)).isEqualTo(1);
        assertThat(s.scale(100)).isEqualTo(0.5);
        assertThat(s.scale(250)).isEqualTo(0.25);
    }

    @Test
    void cosineFollowsHalfACosine() {
        LearningRateSchedule c = schedule("cosine", 200, "min", 0.2);
        for (long t : new long[] {0, 37, 100, 150, 199}) {
            assertThat(c.scale(t)).as("step %d", t)
                    .isCloseTo(0.2 + 0.8 * (1 + Math.cos(Math.PI * t / 200)) / 2, within(1e-12));
        }
        LearningRateSchedule w = schedule("cosine", 120, "warmup", 20);
        assertThat(w.scale(19)).isEqualTo(1);
        assertThat(w.scale(70)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void resolvingWritesEverySettingAndRefusesUnknownOnes() {
        ScheduleSpec resolved = ScheduleSpec.of("linear", "start", 5).resolve(REGISTRY, 100);
        assertThat(resolved.settings()).isEqualTo(Map.of("warmup", 0, "start", 5,
                "start-fraction", 0.0, "end", 0.0));
        assertThatThrownBy(() -> ScheduleSpec.of("linear", "stat", 5).resolve(REGISTRY, 100))
                .hasMessageContaining("'linear' has no setting 'stat'")
                .hasMessageContaining("[warmup, start, start-fraction, end]");
        assertThatThrownBy(() -> ScheduleSpec.of("cosin").resolve(REGISTRY, 100))
                .hasMessageContaining("Unknown schedule 'cosin'")
                .hasMessageContaining("[constant, cosine, linear, step]");
        assertThatThrownBy(() -> ScheduleSpec.of("constant", "warmup", 101).resolve(REGISTRY, 100))
                .hasMessageContaining("option 'warmup' must be in [0, 100], got 101");
        assertThatThrownBy(() -> ScheduleSpec.of("step", "gamma", 2).resolve(REGISTRY, 100))
                .hasMessageContaining("option 'gamma' must be in [0.0, 1.0], got 2");
    }
}
