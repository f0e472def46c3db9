package org.gen4j.core.spi;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point for applications: an injector holding every plugin found on the class path.
 *
 * <p>Host applications that have their own injector install {@link #modules()} into it instead,
 * and {@code @Inject} the {@link Registry} or a {@code Map<String, GanLossFactory>}.
 */
public final class Gen4j {

    private Gen4j() {}

    /** Every gen4j plugin module found by {@link java.util.ServiceLoader}, ready to install. */
    public static List<Module> modules() {
        return new ArrayList<>(PluginLoader.load());
    }

    /** An injector with every plugin found plus the given extra modules (for overrides). */
    public static Injector createInjector(Module... extra) {
        List<Module> all = modules();
        all.addAll(List.of(extra));
        return Guice.createInjector(Stage.PRODUCTION, all);
    }

    /** The registry of every plugin found on the class path. */
    public static Registry registry() {
        return createInjector().getInstance(Registry.class);
    }
}
