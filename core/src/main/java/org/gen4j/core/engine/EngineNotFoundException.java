package org.gen4j.core.engine;

/**
 * The deep-learning engine gen4j needs is not on the class path: the message names the Maven
 * coordinates to add.
 */
public final class EngineNotFoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An engine-not-found error with its message. */
    public EngineNotFoundException(String message) {
        super(message);
    }
}
