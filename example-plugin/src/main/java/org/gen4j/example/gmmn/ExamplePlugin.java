package org.gen4j.example.gmmn;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;

/**
 * The example plugin: a training procedure ({@code gmmn}), a plugin kind of its own ({@code
 * kernels}) with two kernels, and an optimizer ({@code signum}), none of which the core knows.
 */
public final class ExamplePlugin extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), new GmmnFactory());
        GenBindings.addOptimizer(binder(), new SignumFactory());
        GenBindings.declare(binder(), KernelFactory.KIND);
        for (KernelFactory kernel : Kernels.all()) {
            GenBindings.add(binder(), KernelFactory.KIND, kernel);
        }
    }
}
