package org.gen4j.core.translate;

import java.util.Optional;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.util.Options;

/** Inpainting methods: a plugin kind ({@code semantic}, the latent search of a GAN). */
public interface InpainterFactory extends NamedFactory {

    /**
     * The method for a trained model, or empty when it cannot serve that model (it has no
     * generator of latent vectors, say).
     *
     * @throws IllegalArgumentException on an unknown option or a value out of range
     */
    Optional<Inpainter> forModel(TrainedModel model, Options options);
}
