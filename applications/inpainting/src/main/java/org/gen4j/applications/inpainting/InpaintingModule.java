package org.gen4j.applications.inpainting;

import com.google.inject.AbstractModule;
import java.util.Optional;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.translate.Inpainter;
import org.gen4j.core.translate.InpainterFactory;
import org.gen4j.core.util.Options;

/**
 * The inpainting application: the inpainter {@code semantic} ({@link SemanticInpainting}) for
 * any trained unconditional model that decodes latent vectors (a GAN, whose critic named {@code
 * discriminator} gives the perceptual loss, or a VAE's decoder, on the contextual loss alone).
 * Options: {@code iterations} (500), {@code learning-rate} (0.03), {@code perceptual-weight}
 * (lambda, 0.003).
 */
public final class InpaintingModule extends AbstractModule implements GenPlugin {

    /** The inpainter's name. */
    public static final String NAME = "semantic";

    @Override
    protected void configure() {
        GenBindings.add(binder(), PluginKind.INPAINTER, new InpainterFactory() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public String description() {
                return "semantic inpainting (Yeh et al. 2017): a generator's latent searched for"
                        + " the known pixels and the critic's realism; options iterations,"
                        + " learning-rate, perceptual-weight";
            }

            @Override
            public Optional<Inpainter> forModel(TrainedModel model, Options options) {
                var settings = new SemanticInpainting.Settings(
                        options.getInt("iterations", 500, 1, 100_000),
                        options.getDouble("learning-rate", 0.03, 1e-6, 10),
                        options.getDouble("perceptual-weight", 0.003, 0, 1e4));
                options.checkAllUsed();
                if (model.latent().isEmpty() || model.numClasses() > 0) {
                    return Optional.empty();
                }
                String critic = model.procedure().networks().stream().map(Network::name)
                        .filter("discriminator"::equals).findFirst().orElse(null);
                return Optional.of(new SemanticInpainting(model.latent().get(), critic,
                        settings));
            }
        });
    }
}
