package org.gen4j.core.engine;

/**
 * An engine's own implementation of an operation that gen4j otherwise composes from DJL's
 * operators, found with {@link java.util.ServiceLoader} ({@link EngineKernels}). Each kind of
 * kernel is an interface that extends this one; an engine module lists its implementations under
 * {@code META-INF/services/} with that interface's name.
 */
public interface EngineKernel {

    /** Whether this kernel serves arrays of the engine DJL names {@code engineName}. */
    boolean serves(String engineName);
}
