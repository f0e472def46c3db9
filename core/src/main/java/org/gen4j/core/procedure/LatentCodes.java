package org.gen4j.core.procedure;

import java.util.List;
import java.util.Objects;

/**
 * A latent-variable procedure whose generator input holds named codes after its noise (InfoGAN's
 * categorical and continuous codes): what {@code gen4j traverse} varies one at a time while the
 * rest of the input stays fixed.
 */
public interface LatentCodes {

    /** The codes, in input order; empty when the procedure has none. */
    List<Code> codes();

    /**
     * One code of the generator's input.
     *
     * @param name its name ({@code category}, {@code continuous-1})
     * @param offset its first index in the input vector
     * @param size its values: the categories of a one-hot categorical code, 1 for a continuous one
     * @param categorical whether it is one-hot
     * @param min the smallest value a continuous code is drawn from
     * @param max the largest
     */
    record Code(String name, int offset, int size, boolean categorical, double min, double max) {

        /** Validates. */
        public Code {
            Objects.requireNonNull(name, "name is null");
            if (offset < 0 || size < 1) {
                throw new IllegalArgumentException("code " + name + " needs offset >= 0 and size"
                        + " >= 1, got " + offset + " and " + size);
            }
        }

        /** A one-hot code of {@code categories} values. */
        public static Code categorical(String name, int offset, int categories) {
            return new Code(name, offset, categories, true, 0, 1);
        }

        /** A continuous code drawn from [min, max]. */
        public static Code continuous(String name, int offset, double min, double max) {
            return new Code(name, offset, 1, false, min, max);
        }
    }
}
