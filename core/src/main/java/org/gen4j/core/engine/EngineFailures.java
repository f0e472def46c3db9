package org.gen4j.core.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Failures inside a native engine that would otherwise go unseen. MXNet runs operators
 * asynchronously: when one cannot allocate memory, the error is raised where its output is next
 * waited for, which is often only when the array is freed; and DJL's {@code NDManager.close}
 * logs errors raised while freeing and goes on. The step then continues with outputs that were
 * never computed, and the run ends with exit 0. {@link #close} frees a step's arrays one by one
 * and raises the first such error.
 */
public final class EngineFailures {

    private EngineFailures() {}

    /**
     * Closes a manager after freeing its arrays one by one, so that an error an engine raises
     * while freeing (an operator that failed asynchronously) is not lost.
     *
     * @param manager the manager of a step's arrays
     * @param where what ran in it, for the message ("step 12")
     * @throws EngineFailureException if freeing an array raised an engine error
     */
    public static void close(NDManager manager, String where) {
        EngineException failed = null;
        for (NDArray a : manager.getManagedArrays()) {
            try {
                a.close();
            } catch (EngineException e) {
                if (failed == null) {
                    failed = e;
                }
            }
        }
        manager.close();
        if (failed != null) {
            throw EngineFailureException.of(where, failed);
        }
    }

    /**
     * The failure of an engine call, in gen4j's words.
     *
     * @param where what was running
     * @param cause what the engine raised
     */
    public static EngineFailureException wrap(String where, EngineException cause) {
        return EngineFailureException.of(where, cause);
    }
}
