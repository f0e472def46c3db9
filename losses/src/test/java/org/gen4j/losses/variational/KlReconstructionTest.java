package org.gen4j.losses.variational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.loss.VariationalLoss;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** The kl-reconstruction objective: its analytic KL against Monte Carlo, its weights. */
class KlReconstructionTest {

    private static final float[] MEAN = {0.5f, -1.2f, 0.1f, 2f, 0f, -0.3f};
    private static final float[] LOG_VAR = {-0.5f, 0.3f, -2f, 0.1f, 1f, 0f};

    @Test
    void theAnalyticKlMatchesAMonteCarloEstimate() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] kl = KlReconstructionFactory.gaussianKl(m.create(MEAN, new Shape(2, 3)),
                    m.create(LOG_VAR, new Shape(2, 3))).toFloatArray();
            // E_q[log q(z) - log p(z)] by sampling z ~ q, in double.
            RandomStream r = new RandomStream(3);
            int n = 400_000;
            for (int s = 0; s < 2; s++) {
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int j = 3 * s; j < 3 * s + 3; j++) {
                        double sd = Math.exp(0.5 * LOG_VAR[j]);
                        double e = r.nextGaussian();
                        double z = MEAN[j] + sd * e;
                        v += -0.5 * e * e - 0.5 * LOG_VAR[j] + 0.5 * z * z;
                    }
                    sum += v;
                    sumSq += v * v;
                }
                double mc = sum / n;
                double se = Math.sqrt((sumSq / n - mc * mc) / n);
                assertThat((double) kl[s]).as("sample %d, Monte Carlo %s +- %s", s, mc, se)
                        .isCloseTo(mc, within(4 * se + 1e-5));
            }
        }
    }

    @Test
    void theLossIsReconstructionPlusBetaTimesTheWarmedUpKl() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mean = m.create(MEAN, new Shape(2, 3));
            NDArray logVar = m.create(LOG_VAR, new Shape(2, 3));
            NDArray rec = m.create(new float[] {100f, 50f});
            float[] kl = KlReconstructionFactory.gaussianKl(mean, logVar).toFloatArray();
            double klMean = (kl[0] + kl[1]) / 2.0;
            VariationalLoss plain = new KlReconstructionFactory().create(Options.empty("loss"));
            VariationalLoss.Terms t = plain.terms(rec, mean, logVar, 0);
            assertThat((double) t.reconstruction().getFloat()).isCloseTo(75, within(1e-4));
            assertThat((double) t.kl().getFloat()).isCloseTo(klMean, within(1e-4));
            assertThat((double) t.loss().getFloat()).isCloseTo(75 + klMean, within(1e-3));
            VariationalLoss warm = new KlReconstructionFactory().create(new Options("loss",
                    Map.of("beta", 4, "warmup", 100)));
            assertThat((double) warm.terms(rec, mean, logVar, 0).loss().getFloat())
                    .isCloseTo(75, within(1e-3));
            assertThat((double) warm.terms(rec, mean, logVar, 25).loss().getFloat())
                    .isCloseTo(75 + 4 * 0.25 * klMean, within(1e-3));
            assertThat((double) warm.terms(rec, mean, logVar, 500).loss().getFloat())
                    .isCloseTo(75 + 4 * klMean, within(1e-3));
            assertThatThrownBy(() -> new KlReconstructionFactory().create(new Options("loss",
                    Map.of("beta", -1)))).hasMessageContaining("option 'beta' must be in");
        }
    }
}
