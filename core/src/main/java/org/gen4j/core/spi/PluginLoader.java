package org.gen4j.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds every {@link GenPlugin} on the class path with {@link ServiceLoader}. */
public final class PluginLoader {

    /** The version of the plugin SPI; a plugin built against another one is refused. */
    public static final int CORE_API_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private PluginLoader() {}

    /**
     * Loads the plugins visible to {@code loader}.
     *
     * @throws IllegalStateException if none is found, or one fails to load or targets another SPI
     */
    public static List<GenPlugin> load(ClassLoader loader) {
        List<GenPlugin> plugins = new ArrayList<>();
        try {
            for (GenPlugin plugin : ServiceLoader.load(GenPlugin.class, loader)) {
                if (plugin.coreApiVersion() != CORE_API_VERSION) {
                    throw new IllegalStateException(
                            "Plugin " + plugin.getClass().getName() + " targets gen4j SPI version "
                                    + plugin.coreApiVersion() + " but this core is version "
                                    + CORE_API_VERSION + ": rebuild the plugin against this core");
                }
                LOG.debug("Found gen4j plugin {}", plugin.getClass().getName());
                plugins.add(plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A gen4j plugin failed to load: " + e.getMessage(), e);
        }
        if (plugins.isEmpty()) {
            throw new IllegalStateException(
                    "No gen4j plugin found on the class path (META-INF/services/"
                            + GenPlugin.class.getName() + "): add gen4j-core and plugin jars");
        }
        return plugins;
    }

    /** Loads the plugins visible to this class's loader. */
    public static List<GenPlugin> load() {
        return load(PluginLoader.class.getClassLoader());
    }
}
