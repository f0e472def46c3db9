package org.gen4j.core.toy;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/** The core tests' plugin: the toy procedures. */
public final class ToyPlugin extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), ToyProcedureFactory.toy());
        GenBindings.addProcedure(binder(), ToyProcedureFactory.mini());
    }
}
