package org.gen4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gen4j.core.nn.TransposedConvCases.atol;
import static org.gen4j.core.nn.TransposedConvCases.gaussian;
import static org.gen4j.core.nn.TransposedConvCases.reference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gen4j.core.nn.TransposedConvCases.Case;
import org.gen4j.core.nn.TransposedConvCases.Reference;
import org.gen4j.core.random.RandomStream;
import org.gen4j.testing.BaseManager;
import org.gen4j.testing.NDAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each algorithm of {@link TransposedConvolution} on its own, on every configuration it serves,
 * against the scalar reference of {@link TransposedConvCases}: the block's test sees only the one
 * the dispatch picks on the engine under test.
 */
class TransposedConvAlgorithmsTest {

    private static final double RTOL = 1e-4;

    @BaseManager private NDManager manager;

    /** One algorithm, called with the input, the weight and the case's settings. */
    private interface Algorithm {
        NDArray apply(NDArray x, NDArray w, Case c);
    }

    static Stream<Arguments> algorithmCases() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : (Iterable<Case>) TransposedConvCases.cases()::iterator) {
            if (c.h() > 1 || c.w() > 1) {
                out.add(Arguments.of("phases", c));
            }
            if (StackedPhaseDeconvolution.applies(c.kH(), c.kW(), c.sH(), c.sW(), c.pH(),
                    c.pW(), c.opH(), c.opW())) {
                out.add(Arguments.of("stacked phases", c));
            }
        }
        return out.stream();
    }

    private static Algorithm algorithm(String name) {
        return switch (name) {
            case "phases" -> (x, w, c) -> PhaseDeconvolution.apply(x, w, c.sH(), c.sW(), c.pH(),
                    c.pW(), c.outH(), c.outW());
            case "stacked phases" -> (x, w, c) -> StackedPhaseDeconvolution.apply(x, w, c.sH(),
                    c.sW(), c.pH(), c.pW(), c.outH(), c.outW());
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("algorithmCases")
    void forwardAndGradientsMatchScalarReference(String name, Case c) {
        RandomStream rng = new RandomStream(c.name().hashCode());
        Shape xShape = new Shape(c.n(), c.inC(), c.h(), c.w());
        Shape wShape = new Shape(c.inC(), c.outC(), c.kH(), c.kW());
        Shape yShape = new Shape(c.n(), c.outC(), c.outH(), c.outW());
        float[] x = gaussian(rng, (int) xShape.size(), 1f);
        float[] w = gaussian(rng, (int) wShape.size(), 0.3f);
        float[] r = gaussian(rng, (int) yShape.size(), 1f);
        Reference ref = reference(c, x, w, new float[c.outC()], r);

        NDArray xa = manager.create(x, xShape);
        NDArray wa = manager.create(w, wShape);
        xa.setRequiresGradient(true);
        wa.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = algorithm(name).apply(xa, wa, c);
            NDAssert.assertAllClose(y, ref.y(), yShape, RTOL, atol(ref.y()));
            gc.backward(y.mul(manager.create(r, yShape)).sum());
        }
        NDAssert.assertAllClose(xa.getGradient(), ref.dx(), xShape, RTOL, atol(ref.dx()));
        NDAssert.assertAllClose(wa.getGradient(), ref.dw(), wShape, RTOL, atol(ref.dw()));
    }

    @Test
    void stackedPhasesServeTheConfigurationsItsDerivationCovers() {
        // k4 s2 p1 (DCGAN, the critic's input gradient), k4 s1, rectangles with k a multiple of s.
        assertThat(StackedPhaseDeconvolution.applies(4, 4, 2, 2, 1, 1, 0, 0)).isTrue();
        assertThat(StackedPhaseDeconvolution.applies(4, 4, 2, 2, 1, 1, 1, 1)).isTrue();
        assertThat(StackedPhaseDeconvolution.applies(3, 3, 1, 1, 1, 1, 0, 0)).isTrue();
        assertThat(StackedPhaseDeconvolution.applies(4, 2, 1, 2, 0, 0, 0, 0)).isTrue();
        // A kernel that is no multiple of the stride, and an output padding beyond the padding
        // (rows past the full output), are left to the phase decomposition.
        assertThat(StackedPhaseDeconvolution.applies(3, 3, 2, 2, 1, 1, 0, 0)).isFalse();
        assertThat(StackedPhaseDeconvolution.applies(2, 2, 3, 3, 0, 0, 2, 2)).isFalse();
        assertThat(StackedPhaseDeconvolution.applies(4, 4, 2, 2, 0, 0, 1, 1)).isFalse();
    }

    @Test
    void stackedPhasesDoFewMoreMultiplyAddsThanTheDirectOnes() {
        // k4 s2 p1 on 7x7 (the critic's 128-to-64 input gradient): (8/7)^2 of 16 taps per pixel.
        Shape x = new Shape(64, 128, 7, 7);
        Shape w = new Shape(128, 64, 4, 4);
        long direct = 64L * 128 * 64 * 49 * 16;
        assertThat(StackedPhaseDeconvolution.multiplyAdds(x, w, new Shape(2, 2)))
                .isEqualTo(direct * 64 / 49);
    }

    @Test
    void permutationHasOneTapPerRowAndColumn() {
        float[] p = StackedPhaseDeconvolution.permutationValues(4, 6, 2, 3);
        int taps = 24;
        for (int i = 0; i < taps; i++) {
            float row = 0;
            float column = 0;
            for (int j = 0; j < taps; j++) {
                row += p[i * taps + j];
                column += p[j * taps + i];
            }
            assertThat(row).as("row %d", i).isEqualTo(1f);
            assertThat(column).as("column %d", i).isEqualTo(1f);
        }
    }
}
