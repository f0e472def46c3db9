package org.gen4j.applications.stargan;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/** The StarGAN application: the procedure {@code stargan}. */
public final class StarGanModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), new StarGanFactory());
    }
}
