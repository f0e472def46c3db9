package org.gen4j.core.spi;

/**
 * A factory registered under a stable lower-kebab-case name.
 *
 * <p>Each call of a factory's {@code create} method returns a new instance: components keep
 * state, so nothing created by a factory is shared.
 */
public interface NamedFactory {

    /** The stable lower-kebab-case name used in specs and on the command line. */
    String name();

    /** One line describing the component, shown by {@code gen4j list}. */
    String description();
}
