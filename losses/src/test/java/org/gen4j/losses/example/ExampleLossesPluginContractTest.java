package org.gen4j.losses.example;

import org.gen4j.core.spi.GenPlugin;
import org.gen4j.testing.plugins.PluginContract;

/** The example plugin passes the plugin contract. */
class ExampleLossesPluginContractTest extends PluginContract {

    @Override
    protected GenPlugin plugin() {
        return new ExampleLossesModule();
    }
}
