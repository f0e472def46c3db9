package org.gen4j.core.spi;

import com.google.inject.AbstractModule;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.data.Datasets;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.GeneratorFactory;

/**
 * The core's own plugin: declares the map of every kind (so that each can be injected even when
 * empty) and registers the built-in data sets.
 */
public final class CoreModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.mapBinder(binder(), GanLossFactory.class);
        GenBindings.mapBinder(binder(), RegularizerFactory.class);
        GenBindings.mapBinder(binder(), GeneratorFactory.class);
        GenBindings.mapBinder(binder(), DiscriminatorFactory.class);
        GenBindings.mapBinder(binder(), DatasetFactory.class);
        GenBindings.mapBinder(binder(), MetricFactory.class);
        for (DatasetFactory factory : Datasets.builtIn()) {
            GenBindings.addDataset(binder(), factory);
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
