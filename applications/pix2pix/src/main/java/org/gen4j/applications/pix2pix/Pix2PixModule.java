package org.gen4j.applications.pix2pix;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/** The pix2pix application: the procedure {@code pix2pix} and the data set {@code fashion-edges}. */
public final class Pix2PixModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), new Pix2PixFactory());
        GenBindings.addDataset(binder(), new FashionEdges());
    }
}
