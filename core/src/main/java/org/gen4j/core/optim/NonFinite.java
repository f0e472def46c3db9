package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Finds values that are NaN or infinite in an array, with one reduction on the engine. */
public final class NonFinite {

    private NonFinite() {}

    /**
     * The largest absolute value of the array: NaN if any value is NaN, infinite if any is
     * infinite (and none NaN), else finite. An empty array gives 0.
     */
    public static float worst(NDArray array) {
        if (array.size() == 0) {
            return 0;
        }
        try (NDManager m = array.getManager().newSubManager()) {
            NDArray abs = array.abs();
            abs.attach(m);
            // max ignores NaN on some engines: a NaN is the one value not equal to itself.
            boolean nan = abs.neq(abs).any().getBoolean();
            return nan ? Float.NaN : abs.max().toType(ai.djl.ndarray.types.DataType.FLOAT32,
                    false).getFloat();
        }
    }
}
