package org.gen4j.core.spi;

import com.google.inject.AbstractModule;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.data.Datasets;
import org.gen4j.core.optim.OptimizerFactory;
import org.gen4j.core.optim.Optimizers;
import org.gen4j.core.optim.ScheduleFactory;
import org.gen4j.core.optim.Schedules;

/**
 * The core's own plugin: declares every core kind (so that each map can be injected even when
 * empty) and registers the built-in data sets, optimizers and learning-rate schedules.
 */
public final class CoreModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        for (PluginKind<?> kind : PluginKind.builtIn()) {
            GenBindings.declare(binder(), kind);
        }
        for (DatasetFactory factory : Datasets.builtIn()) {
            GenBindings.addDataset(binder(), factory);
        }
        for (OptimizerFactory factory : Optimizers.builtIn()) {
            GenBindings.addOptimizer(binder(), factory);
        }
        for (ScheduleFactory factory : Schedules.builtIn()) {
            GenBindings.addSchedule(binder(), factory);
        }
    }

    // Guice deduplicates modules by equality: two CoreModules installed by a host are one.
    @Override
    public boolean equals(Object other) {
        return other instanceof CoreModule;
    }

    @Override
    public int hashCode() {
        return CoreModule.class.hashCode();
    }
}
