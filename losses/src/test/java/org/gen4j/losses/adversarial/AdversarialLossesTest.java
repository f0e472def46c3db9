package org.gen4j.losses.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.api.Test;

class AdversarialLossesTest {

    private static final float[] REAL = {2.5f, -1f, 0f, 7f, -3.25f, 100f, -100f};
    private static final float[] FAKE = {-0.5f, 1.5f, -6f, 0.25f, 3f, -100f, 100f};

    @BaseManager private NDManager manager;

    /** -log(sigmoid(x)) computed in double the textbook way, guarded only where double overflows. */
    private static double negLogSigmoid(double x) {
        double s = 1 / (1 + Math.exp(-x));
        return s > 0 ? -Math.log(s) : -x;
    }

    private static double negLogOneMinusSigmoid(double x) {
        return negLogSigmoid(-x);
    }

    private NDArray logits(float[] v) {
        return manager.create(v, new Shape(v.length, 1));
    }

    private static double mean(float[] v, java.util.function.DoubleUnaryOperator f) {
        double s = 0;
        for (float x : v) {
            s += f.applyAsDouble(x);
        }
        return s / v.length;
    }

    @Test
    void discriminatorLossMatchesCrossEntropy() {
        double expected = mean(REAL, AdversarialLossesTest::negLogSigmoid)
                + mean(FAKE, AdversarialLossesTest::negLogOneMinusSigmoid);
        float actual = AdversarialLosses.standardDiscriminator(logits(REAL), logits(FAKE)).getFloat();
        assertThat((double) actual).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
    }

    @Test
    void nonSaturatingGeneratorIsMinusLogD() {
        double expected = mean(FAKE, AdversarialLossesTest::negLogSigmoid);
        float actual = AdversarialLosses.nonSaturatingGenerator(logits(FAKE)).getFloat();
        assertThat((double) actual).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
    }

    @Test
    void minimaxGeneratorIsLogOneMinusD() {
        double expected = -mean(FAKE, AdversarialLossesTest::negLogOneMinusSigmoid);
        float actual = AdversarialLosses.minimaxGenerator(logits(FAKE)).getFloat();
        assertThat((double) actual).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
    }

    @Test
    void gradientsStayFiniteAndCorrectForHugeLogits() {
        // d/dx mean(softplus(-x)) = -sigmoid(-x) / n ; at x = -100 that is -1/n, at x = 100 about 0.
        NDArray x = manager.create(new float[] {-100f, 100f, 0f}, new Shape(3, 1));
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(AdversarialLosses.nonSaturatingGenerator(x));
        }
        float[] g = x.getGradient().toFloatArray();
        assertThat(g).doesNotContain(Float.NaN);
        assertThat(g[0]).isCloseTo(-1f / 3, within(1e-6f));
        assertThat(g[1]).isCloseTo(0f, within(1e-6f));
        assertThat(g[2]).isCloseTo(-0.5f / 3, within(1e-6f));
    }

    @Test
    void allLossesFiniteAtPlusMinusHundred() {
        NDArray big = logits(new float[] {100f, -100f});
        assertThat(AdversarialLosses.standardDiscriminator(big, big).getFloat()).isFinite();
        assertThat(AdversarialLosses.nonSaturatingGenerator(big).getFloat()).isFinite();
        assertThat(AdversarialLosses.minimaxGenerator(big).getFloat()).isFinite();
        // A confident, correct discriminator: loss ~ 0; a confidently wrong one: loss ~ 200.
        float right = AdversarialLosses.standardDiscriminator(
                logits(new float[] {100f}), logits(new float[] {-100f})).getFloat();
        float wrong = AdversarialLosses.standardDiscriminator(
                logits(new float[] {-100f}), logits(new float[] {100f})).getFloat();
        assertThat(right).isCloseTo(0f, within(1e-6f));
        assertThat(wrong).isCloseTo(200f, within(1e-3f));
    }

    @Test
    void factoriesMakeDistinctLossesAndRejectUnknownOptions() {
        NonSaturatingLossFactory f = new NonSaturatingLossFactory();
        var a = f.create(org.gen4j.core.util.Options.empty("loss 'non-saturating'"));
        var b = f.create(org.gen4j.core.util.Options.empty("loss 'non-saturating'"));
        assertThat(a).isNotSameAs(b);
        assertThat(a.name()).isEqualTo("non-saturating");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MinimaxLossFactory().create(
                        new org.gen4j.core.util.Options("loss 'minimax'", java.util.Map.of("smoth", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loss 'minimax'")
                .hasMessageContaining("smoth");
    }
}
