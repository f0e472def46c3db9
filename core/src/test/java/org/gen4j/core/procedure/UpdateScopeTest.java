package org.gen4j.core.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.gen4j.testing.BaseManager;
import org.junit.jupiter.api.Test;

/** {@link UpdateScope}: what an update computes is freed with it, what it keeps is not. */
class UpdateScopeTest {

    @BaseManager private NDManager step;

    @Test
    void freesWhatTheUpdateComputedAndKeepsWhatItIsTold() {
        NDArray batch = step.ones(new Shape(2));
        NDArray unused = step.zeros(batch.getShape());
        NDArray loss;
        NDArray intermediate;
        NDArray inner;
        try (UpdateScope scope = UpdateScope.open(step)) {
            assertThat(scope.own(null)).isNull();
            NDArray owned = scope.own(batch);
            assertThat(owned).isSameAs(batch);
            intermediate = batch.mul(2); // joins its first operand's manager: the scope
            loss = intermediate.sum();
            inner = scope.newSubManager().create(3f); // its manager is left open
            scope.keep(batch, loss, null);
        }
        assertThat(intermediate.isReleased()).isTrue();
        assertThat(inner.isReleased()).isTrue();
        assertThat(batch.isReleased()).isFalse();
        assertThat(loss.isReleased()).isFalse();
        assertThat(loss.getFloat()).isEqualTo(4f);
        assertThat(unused.isReleased()).isFalse();
        assertThat(step.getManagedArrays()).contains(batch, loss, unused);
    }
}
