package org.gen4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.gen4j.core.engine.EngineKernels;
import org.gen4j.core.nn.TransposedConvKernel;
import org.gen4j.core.nn.TransposedConvolution;
import org.gen4j.testing.TestArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gen4j's transposed convolution on the PyTorch engine takes libtorch's {@code conv_transpose2d},
 * and it is the adjoint of the convolution: for {@code y = conv2d(x, W)} and any {@code g}, the
 * gradient of {@code sum(g * y)} with respect to {@code x} (libtorch's convolution backward) is
 * {@code conv2dInputGradient(g, W)}, to float64 rounding.
 */
class PtTransposedConvKernelTest {

    @ParameterizedTest(name = "kernel {0}x{1}, stride {2}x{3}, padding {4}x{5}, input {6}x{7}")
    @CsvSource({
        "3, 3, 1, 1, 1, 1, 7, 7",
        "4, 4, 2, 2, 1, 1, 8, 8",
        "4, 4, 2, 2, 1, 1, 7, 7",
        "5, 3, 2, 1, 2, 0, 9, 6",
        "3, 3, 3, 2, 0, 1, 10, 7",
        "1, 1, 2, 2, 0, 0, 5, 5"
    })
    void theInputGradientIsLibtorchsConvolutionBackward(int kH, int kW, int sH, int sW, int pH,
            int pW, int h, int w) {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(EngineKernels.find(TransposedConvKernel.class, m.zeros(new Shape(1))))
                    .isInstanceOf(PtTransposedConvKernel.class);
            Shape stride = new Shape(sH, sW);
            Shape padding = new Shape(pH, pW);
            NDArray x = TestArrays.gaussian(m, new Shape(2, 3, h, w), 1).toType(
                    DataType.FLOAT64, false);
            NDArray weight = TestArrays.gaussian(m, new Shape(4, 3, kH, kW), 2).toType(
                    DataType.FLOAT64, false);
            x.setRequiresGradient(true);
            NDArray g;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, weight, null, stride, padding, new Shape(1, 1), 1)
                        .singletonOrThrow();
                g = TestArrays.gaussian(m, y.getShape(), 3).toType(
                        DataType.FLOAT64, false);
                gc.backward(y.mul(g).sum());
            }
            double[] expected = x.getGradient().toDoubleArray();
            double[] actual = TransposedConvolution.conv2dInputGradient(g, weight, stride,
                    padding, x.getShape()).toDoubleArray();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("element %d", i)
                        .isCloseTo(expected[i], within(1e-9));
            }
        }
    }

    @Test
    void aNamedWeightInALongLivedManagerGainsNoArrays() {
        try (NDManager model = NDManager.newBaseManager();
                NDManager step = NDManager.newBaseManager()) {
            NDArray weight = TestArrays.gaussian(model, new Shape(3, 2, 4, 4), 4);
            weight.setName("weight");
            int before = model.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                NDArray x = TestArrays.gaussian(step, new Shape(1, 3, 5, 5), 5 + i);
                x.setName("input");
                NDArray y = TransposedConvolution.transposedConv2d(x, weight, null,
                        new Shape(2, 2), new Shape(1, 1), new Shape(0, 0));
                assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 10, 10));
                assertThat(y.getManager()).isSameAs(step);
            }
            assertThat(model.getManagedArrays()).hasSize(before);
        }
    }
}
