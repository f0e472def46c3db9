package org.gen4j.evaluation;

import org.gen4j.core.spi.GenPlugin;
import org.gen4j.testing.plugins.PluginContract;

/** The evaluation plugin passes the plugin contract. */
class EvaluationPluginContractTest extends PluginContract {

    @Override
    protected GenPlugin plugin() {
        return new EvaluationModule();
    }
}
