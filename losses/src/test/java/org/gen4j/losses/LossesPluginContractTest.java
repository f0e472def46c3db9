package org.gen4j.losses;

import org.gen4j.core.spi.GenPlugin;
import org.gen4j.testing.plugins.PluginContract;

/** The losses plugin passes the plugin contract. */
class LossesPluginContractTest extends PluginContract {

    @Override
    protected GenPlugin plugin() {
        return new LossesModule();
    }
}
