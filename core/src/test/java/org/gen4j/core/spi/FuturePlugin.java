package org.gen4j.core.spi;

import com.google.inject.AbstractModule;

/**
 * A plugin built against a later SPI version, for {@link PluginLoaderTest}. It is listed only in a
 * service file that the test writes, never on the test class path.
 */
public final class FuturePlugin extends AbstractModule implements GenPlugin {

    /** The SPI version this plugin claims. */
    public static final int VERSION = PluginLoader.CORE_API_VERSION + 1;

    @Override
    public int coreApiVersion() {
        return VERSION;
    }
}
