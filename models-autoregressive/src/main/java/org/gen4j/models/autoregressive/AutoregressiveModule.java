package org.gen4j.models.autoregressive;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.models.autoregressive.networks.AutoregressiveNetworkFactory;
import org.gen4j.models.autoregressive.networks.GatedPixelCnnFactory;
import org.gen4j.models.autoregressive.networks.PixelCnnFactory;
import org.gen4j.models.autoregressive.networks.PixelRnnFactory;
import org.gen4j.models.autoregressive.procedure.AutoregressiveFactory;

/**
 * The autoregressive plugin: the procedure {@code autoregressive}, the plugin kind {@code
 * autoregressive-network} and its networks.
 */
public final class AutoregressiveModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.declare(binder(), AutoregressiveNetworkFactory.KIND);
        GenBindings.add(binder(), AutoregressiveNetworkFactory.KIND, new PixelCnnFactory());
        GenBindings.add(binder(), AutoregressiveNetworkFactory.KIND, new GatedPixelCnnFactory());
        GenBindings.add(binder(), AutoregressiveNetworkFactory.KIND, PixelRnnFactory.rowLstm());
        GenBindings.add(binder(), AutoregressiveNetworkFactory.KIND,
                PixelRnnFactory.diagonalBiLstm());
        GenBindings.addProcedure(binder(), new AutoregressiveFactory());
    }
}
