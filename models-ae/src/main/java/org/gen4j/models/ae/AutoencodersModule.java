package org.gen4j.models.ae;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.models.ae.procedure.AutoencoderFactories;

/** The autoencoder plugin: registers the procedures {@code ae}, {@code vae} and {@code cvae}. */
public final class AutoencodersModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        for (var factory : AutoencoderFactories.all()) {
            GenBindings.addProcedure(binder(), factory);
        }
    }
}
