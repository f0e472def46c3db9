package org.gen4j.core.spi;

import com.google.inject.Module;

/**
 * A gen4j plugin: one Guice module per plugin jar, listed in
 * {@code META-INF/services/org.gen4j.core.spi.GenPlugin} so that {@link java.util.ServiceLoader}
 * finds it.
 *
 * <p>A plugin's {@code configure()} only registers factories through {@link GenBindings}; it must
 * be fast and free of side effects (no NDManager, no files, no engine start).
 */
public interface GenPlugin extends Module {

    /** The SPI version this plugin was compiled against; checked at start-up. */
    default int coreApiVersion() {
        return PluginLoader.CORE_API_VERSION;
    }
}
