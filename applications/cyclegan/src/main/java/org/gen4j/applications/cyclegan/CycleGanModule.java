package org.gen4j.applications.cyclegan;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/**
 * The CycleGAN application: the procedure {@code cyclegan}, its presets {@code cyclegan}, {@code
 * discogan} and {@code dualgan}, and the data set {@code fashion-domains}.
 */
public final class CycleGanModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), new CycleGanFactory());
        GenBindings.addPreset(binder(), CycleGanFactory.cycleGanPreset());
        GenBindings.addPreset(binder(), CycleGanFactory.discoGanPreset());
        GenBindings.addPreset(binder(), CycleGanFactory.dualGanPreset());
        GenBindings.addDataset(binder(), new FashionDomains());
    }
}
