package org.gen4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-finite values found in arrays and in an optimizer's state. */
class NonFiniteTest {

    @Test
    void worstIsNanBeforeInfinityBeforeTheLargestMagnitude() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(NonFinite.worst(m.create(new float[] {1, -3, 2}))).isEqualTo(3);
            assertThat(NonFinite.worst(m.create(new float[] {1, Float.NEGATIVE_INFINITY})))
                    .isInfinite();
            assertThat(NonFinite.worst(m.create(new float[] {Float.POSITIVE_INFINITY,
                Float.NaN, 1}))).isNaN();
            assertThat(NonFinite.worst(m.create(new float[0]))).isZero();
            int before = m.getManagedArrays().size();
            NonFinite.worst(m.create(new float[] {1, 2}));
            assertThat(m.getManagedArrays()).as("only the input stays").hasSize(before + 1);
        }
    }

    @Test
    void anOptimizersOverflowedMomentIsNamed() {
        try (NDManager m = NDManager.newBaseManager();
                Optimizer adam = Optimizers.create(OptimizerSpec.adam(0.01, 0.5, 0.999))) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(2)).build();
            p.setInitializer((mm, shape, type) -> mm.create(new float[] {1, 2}));
            p.initialize(m, DataType.FLOAT32);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(p.getArray().square().sum());
            }
            List<NamedParameter> params = List.of(new NamedParameter("w", p));
            adam.step(params);
            assertThat(adam.firstNonFiniteState()).isNull();
            NDArray[] moments = ((StatefulOptimizer) adam).state.get("w");
            moments[1].set(new float[] {Float.POSITIVE_INFINITY, 0});
            assertThat(adam.firstNonFiniteState()).isEqualTo("w slot 1: Infinity");
        }
    }
}
