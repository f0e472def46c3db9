package org.gen4j.core.procedure;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The state a procedure keeps beyond its networks, optimizers and random streams (a KL warm-up
 * position, an EMA of the weights, an image pool, a growth phase): saved with every checkpoint
 * through one hook, and restored before a resumed run's first step.
 */
public interface ProcedureState {

    /** Writes the state. */
    void save(Writer writer);

    /** Restores the state written by {@link #save}. */
    void restore(Reader reader);

    /** Where a procedure writes its state. */
    interface Writer {

        /** A small value, stored as JSON in the checkpoint's {@code state.json}. */
        void put(String key, Object value);

        /** Arrays, stored in DJL's NDList encoding in a file of the checkpoint. */
        void putArrays(String name, NDList arrays);
    }

    /** Where a procedure reads its state. */
    interface Reader {

        /**
         * A value written by {@link Writer#put}.
         *
         * @throws IllegalArgumentException if the checkpoint has no such value
         */
        JsonNode get(String key);

        /**
         * Arrays written by {@link Writer#putArrays}, in {@code manager}.
         *
         * @throws IllegalArgumentException if the checkpoint has no such arrays
         */
        NDList getArrays(String name, NDManager manager);
    }
}
