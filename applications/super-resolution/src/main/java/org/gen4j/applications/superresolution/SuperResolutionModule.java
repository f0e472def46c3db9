package org.gen4j.applications.superresolution;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/** The super-resolution application: the procedure {@code srgan} and the data set {@code fashion-lowres}. */
public final class SuperResolutionModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), new SrganFactory());
        GenBindings.addDataset(binder(), new FashionLowRes());
    }
}
