package org.gen4j.core.model;

import org.gen4j.core.spi.NamedFactory;

/** Builds image-to-image networks: a plugin kind ({@code unet}, {@code resnet}, ...). */
public interface TranslatorFactory extends NamedFactory {

    /**
     * A new, uninitialised network.
     *
     * @throws IllegalArgumentException if it cannot map the spec's input shape to its output
     *     shape, naming the shapes it takes
     */
    Translator create(TranslatorSpec spec);
}
