package org.gen4j.losses.example;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/** The example plugin of docs/writing-a-plugin.md: one Guice module that registers its losses. */
public final class ExampleLossesModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addLoss(binder(), new HingeLossFactory());
    }
}
