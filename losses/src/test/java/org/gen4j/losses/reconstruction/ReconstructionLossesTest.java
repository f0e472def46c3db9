package org.gen4j.losses.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.loss.ReconstructionLossFactory;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** Each reconstruction term against its closed form, for both reductions. */
class ReconstructionLossesTest {

    private static final float[] P = {0.5f, -0.25f, 1f, 0f, -1f, 0.75f};
    private static final float[] T = {0.25f, -1f, 1f, 1f, -0.5f, 0f};

    private static ReconstructionLoss loss(String name, String reduction) {
        ReconstructionLossFactory f = ReconstructionLosses.all().stream()
                .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return f.create(new Options(name, Map.of("reduction", reduction)));
    }

    private static float[] run(ReconstructionLoss l) {
        try (NDManager m = NDManager.newBaseManager()) {
            return l.perSample(m.create(P, new Shape(2, 3)), m.create(T, new Shape(2, 3)))
                    .toFloatArray();
        }
    }

    @Test
    void l2AndL1SumOrAverageEachSample() {
        for (String reduction : new String[] {"sum", "mean"}) {
            float[] l2 = run(loss("l2", reduction));
            float[] l1 = run(loss("l1", reduction));
            for (int s = 0; s < 2; s++) {
                double sq = 0;
                double ab = 0;
                for (int i = 3 * s; i < 3 * s + 3; i++) {
                    sq += (P[i] - T[i]) * (P[i] - T[i]);
                    ab += Math.abs(P[i] - T[i]);
                }
                double div = reduction.equals("mean") ? 3 : 1;
                assertThat((double) l2[s]).isCloseTo(sq / div, within(1e-6));
                assertThat((double) l1[s]).isCloseTo(ab / div, within(1e-6));
            }
        }
    }

    @Test
    void bceReadsLogitsAndTargetsInMinusOneToOne() {
        ReconstructionLoss bce = loss("bce", "sum");
        assertThat(bce.takesLogits()).isTrue();
        float[] v = run(bce);
        for (int s = 0; s < 2; s++) {
            double expected = 0;
            for (int i = 3 * s; i < 3 * s + 3; i++) {
                double p = 1 / (1 + Math.exp(-P[i]));
                double t = (T[i] + 1) / 2;
                expected -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
            }
            assertThat((double) v[s]).isCloseTo(expected, within(1e-5));
        }
    }
}
