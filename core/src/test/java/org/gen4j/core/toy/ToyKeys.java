package org.gen4j.core.toy;

import org.gen4j.core.spec.SpecKey;

/** The toy's keys, for tests in other packages. */
public final class ToyKeys {

    private ToyKeys() {}

    /** The noise key. */
    public static SpecKey<Double> noise() {
        return ToyProcedureFactory.NOISE;
    }

    /** The key that makes the loss NaN from a step on. */
    public static SpecKey<Double> explodeAt() {
        return ToyProcedureFactory.EXPLODE_AT;
    }
}
