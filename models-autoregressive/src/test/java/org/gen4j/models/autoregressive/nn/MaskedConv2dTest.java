package org.gen4j.models.autoregressive.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.gen4j.models.autoregressive.nn.MaskedConv2d.MaskType;
import org.junit.jupiter.api.Test;

/** The masks of PixelCNN's convolutions, written out tap by tap. */
class MaskedConv2dTest {

    /** The 3x3 taps from input channel {@code in} to output channel {@code out}. */
    private static float[] taps(MaskedConv2d conv, int outChannels, int inChannels, int out,
            int in) {
        float[] all = conv.maskValues();
        int start = (out * inChannels + in) * 9;
        return Arrays.copyOfRange(all, start, start + 9);
    }

    @Test
    void grayscaleMaskAHidesTheCentreAndMaskBKeepsIt() {
        float[] a = taps(MaskedConv2d.of(1, 1, 3, MaskType.A, 1), 1, 1, 0, 0);
        float[] b = taps(MaskedConv2d.of(1, 1, 3, MaskType.B, 1), 1, 1, 0, 0);
        assertThat(a).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0);
        assertThat(b).containsExactly(1, 1, 1, 1, 1, 0, 0, 0, 0);
    }

    @Test
    void colourMasksOrderTheChannelsRThenGThenBAtTheCentre() {
        MaskedConv2d a = MaskedConv2d.of(3, 6, 3, MaskType.A, 3);
        MaskedConv2d b = MaskedConv2d.of(6, 6, 3, MaskType.B, 3);
        for (int o = 0; o < 6; o++) {
            for (int i = 0; i < 3; i++) {
                float centreA = taps(a, 6, 3, o, i)[4];
                assertThat(centreA).as("A: output %d (colour %d) from input %d", o, o % 3, i)
                        .isEqualTo(i < o % 3 ? 1f : 0f);
                assertThat(taps(a, 6, 3, o, i)[3]).as("the left neighbour, any colour")
                        .isEqualTo(1f);
                assertThat(taps(a, 6, 3, o, i)[5]).as("the right neighbour").isZero();
            }
            for (int i = 0; i < 6; i++) {
                assertThat(taps(b, 6, 6, o, i)[4]).as("B: output %d from hidden %d", o, i)
                        .isEqualTo(i % 3 <= o % 3 ? 1f : 0f);
            }
        }
    }

    @Test
    void aPassInASubManagerLeavesNothingInTheModelsManager() {
        try (NDManager model = NDManager.newBaseManager()) {
            MaskedConv2d conv = MaskedConv2d.of(1, 4, 3, MaskType.A, 1);
            conv.initialize(model, DataType.FLOAT32, new Shape(2, 1, 5, 5));
            ParameterStore ps = new ParameterStore(model, false);
            for (int pass = 0; pass < 3; pass++) {
                try (NDManager step = model.newSubManager()) {
                    NDArray x = step.ones(new Shape(2, 1, 5, 5));
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(conv.forward(ps, new NDList(x), true).singletonOrThrow()
                                .sum());
                    }
                }
                if (pass == 0) {
                    arraysAfterFirst = model.getManagedArrays().size();
                }
            }
            assertThat(model.getManagedArrays()).as("arrays of the model's manager after three"
                    + " passes").hasSize(arraysAfterFirst);
        }
    }

    private int arraysAfterFirst;

    @Test
    void badShapesAreRefusedByName() {
        assertThatThrownBy(() -> MaskedConv2d.of(3, 4, 3, MaskType.B, 3))
                .hasMessageContaining("multiples of the colour groups: in 3, out 4, colours 3");
        assertThatThrownBy(() -> MaskedConv2d.of(1, 4, 4, MaskType.B, 1))
                .hasMessageContaining("needs an odd kernel, got 4x4");
    }
}
