package org.gen4j.core.model;

import org.gen4j.core.spi.NamedFactory;

/** Builds patch critics: a plugin kind ({@code patchgan}). */
public interface PatchDiscriminatorFactory extends NamedFactory {

    /**
     * A new, uninitialised critic.
     *
     * @throws IllegalArgumentException if it cannot take the spec's input, or an option is out
     *     of range
     */
    PatchDiscriminator create(PatchDiscriminatorSpec spec);
}
