package org.gen4j.core.engine;

import ai.djl.ndarray.NDManager;

/**
 * A sub-manager whose closing frees its arrays one by one and raises the first engine error it
 * meets ({@link EngineFailures#close}), for the scratch arrays of a step or an update. Use it as
 * {@code try (EngineScope s = EngineScope.of(parent, "step 12")) { ... s.manager() ... }}; when
 * the body throws, an error from closing is added to it as suppressed.
 */
public final class EngineScope implements AutoCloseable {

    private final NDManager manager;
    private final String where;

    private EngineScope(NDManager manager, String where) {
        this.manager = manager;
        this.where = where;
    }

    /**
     * A new sub-manager of {@code parent}.
     *
     * @param where what runs in it, for messages
     */
    public static EngineScope of(NDManager parent, String where) {
        return new EngineScope(parent.newSubManager(), where);
    }

    /** The manager of the scope's arrays. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Frees the arrays and the manager.
     *
     * @throws EngineFailureException if freeing raised an engine error
     */
    @Override
    public void close() {
        EngineFailures.close(manager, where);
    }
}
