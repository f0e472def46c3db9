package org.gen4j.losses.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.util.Options;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** wasserstein, hinge, least-squares and relativistic-average against closed forms in double. */
class MoreLossesTest {

    @BaseManager private NDManager manager;

    static java.util.stream.Stream<Arguments> logitSets() {
        return java.util.stream.Stream.of(
                Arguments.of(new float[] {2.5f, -1f, 0f, 7f}, new float[] {-0.5f, 1.5f, -6f, 0.25f}),
                Arguments.of(new float[] {100f, -100f, 3f}, new float[] {-100f, 100f, 0.5f}),
                Arguments.of(new float[] {0.9f, 1.1f}, new float[] {-0.9f, -1.1f}));
    }

    private static double mean(float[] v, DoubleUnaryOperator f) {
        double s = 0;
        for (float x : v) {
            s += f.applyAsDouble(x);
        }
        return s / v.length;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private NDArray logits(float[] v) {
        return manager.create(v, new Shape(v.length, 1));
    }

    private static GanLoss loss(String name, Map<String, Object> options) {
        for (var f : MoreLossFactories.all()) {
            if (f.name().equals(name)) {
                return f.create(new Options("loss '" + name + "'", options));
            }
        }
        throw new AssertionError(name);
    }

    private void check(GanLoss loss, float[] r, float[] f, double d, double g) {
        float dl = loss.discriminatorLoss(logits(r), logits(f)).getFloat();
        float gl = loss.generatorLoss(logits(f), logits(r)).getFloat();
        assertThat(dl).isFinite();
        assertThat(gl).isFinite();
        assertThat((double) dl).as("%s D", loss.name()).isCloseTo(d, within(1e-4 * (1 + Math.abs(d))));
        assertThat((double) gl).as("%s G", loss.name()).isCloseTo(g, within(1e-4 * (1 + Math.abs(g))));
    }

    @ParameterizedTest
    @MethodSource("logitSets")
    void wasserstein(float[] r, float[] f) {
        check(loss("wasserstein", Map.of()), r, f, mean(f, x -> x) - mean(r, x -> x),
                -mean(f, x -> x));
    }

    @ParameterizedTest
    @MethodSource("logitSets")
    void hinge(float[] r, float[] f) {
        check(loss("hinge", Map.of()), r, f,
                mean(r, x -> Math.max(0, 1 - x)) + mean(f, x -> Math.max(0, 1 + x)),
                -mean(f, x -> x));
    }

    @ParameterizedTest
    @MethodSource("logitSets")
    void leastSquaresDefaultAndCustomTargets(float[] r, float[] f) {
        check(loss("least-squares", Map.of()), r, f,
                0.5 * mean(r, x -> (x - 1) * (x - 1)) + 0.5 * mean(f, x -> x * x),
                0.5 * mean(f, x -> (x - 1) * (x - 1)));
        check(loss("least-squares", Map.of("fake-target", -1, "real-target", 1,
                        "generator-target", 0)), r, f,
                0.5 * mean(r, x -> (x - 1) * (x - 1)) + 0.5 * mean(f, x -> (x + 1) * (x + 1)),
                0.5 * mean(f, x -> x * x));
    }

    @ParameterizedTest
    @MethodSource("logitSets")
    void relativisticAverage(float[] r, float[] f) {
        double mr = mean(r, x -> x);
        double mf = mean(f, x -> x);
        double d = mean(r, x -> softplus(-(x - mf))) + mean(f, x -> softplus(x - mr));
        double g = mean(f, x -> softplus(-(x - mr))) + mean(r, x -> softplus(x - mf));
        GanLoss loss = loss("relativistic-average", Map.of());
        assertThat(loss.generatorNeedsRealLogits()).isTrue();
        check(loss, r, f, d, g);
    }

    @Test
    void relativisticGeneratorLossRefusesMissingRealLogits() {
        GanLoss loss = loss("relativistic-average", Map.of());
        assertThatThrownBy(() -> loss.generatorLoss(logits(new float[] {1f}), null))
                .hasMessageContaining("relativistic-average needs the real logits");
    }

    @Test
    void leastSquaresOptionsAreChecked() {
        assertThatThrownBy(() -> loss("least-squares", Map.of("fake-target", 1)))
                .hasMessageContaining("fake-target and real-target must differ");
        assertThatThrownBy(() -> loss("least-squares", Map.of("real-target", 1e9)))
                .hasMessageContaining("real-target").hasMessageContaining("[-1000.0, 1000.0]");
        assertThatThrownBy(() -> loss("hinge", Map.of("margin", 2)))
                .hasMessageContaining("margin");
    }
}
