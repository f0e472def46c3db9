package org.gen4j.models.gan;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.models.gan.dcgan.DcganDiscriminatorFactory;
import org.gen4j.models.gan.dcgan.DcganGeneratorFactory;
import org.gen4j.models.gan.mlp.MlpDiscriminatorFactory;
import org.gen4j.models.gan.mlp.MlpGeneratorFactory;
import org.gen4j.models.gan.biggan.BigGan;
import org.gen4j.models.gan.procedure.CvaeGanFactory;
import org.gen4j.models.gan.procedure.GanProcedureFactory;
import org.gen4j.models.gan.progan.ProGan;
import org.gen4j.models.gan.progan.ProGanDiscriminatorFactory;
import org.gen4j.models.gan.progan.ProGanGeneratorFactory;
import org.gen4j.models.gan.sngan.Sngan;
import org.gen4j.models.gan.sngan.SnganDiscriminatorFactory;
import org.gen4j.models.gan.sngan.SnganGeneratorFactory;

/**
 * The GAN plugin: registers the procedures {@code gan}, {@code cgan}, {@code acgan},
 * {@code infogan} and {@code progan}, each generator and
 * discriminator architecture by name, and the presets {@code biggan} and {@code
 * progan}.
 */
public final class GanModelsModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addProcedure(binder(), GanProcedureFactory.unconditional());
        GenBindings.addProcedure(binder(), GanProcedureFactory.conditional());
        GenBindings.addProcedure(binder(), GanProcedureFactory.auxiliaryClassifier());
        GenBindings.addProcedure(binder(), GanProcedureFactory.infoGan());
        GenBindings.addProcedure(binder(), GanProcedureFactory.progressive());
        GenBindings.addProcedure(binder(), new CvaeGanFactory());
        GenBindings.addProcedure(binder(), GanProcedureFactory.bigGan());
        GenBindings.addPreset(binder(), BigGan.preset());
        GenBindings.addPreset(binder(), ProGan.preset());
        GenBindings.addGenerator(binder(), new MlpGeneratorFactory());
        GenBindings.addDiscriminator(binder(), new MlpDiscriminatorFactory());
        GenBindings.addGenerator(binder(), new DcganGeneratorFactory());
        GenBindings.addDiscriminator(binder(), new DcganDiscriminatorFactory());
        GenBindings.addGenerator(binder(), new SnganGeneratorFactory());
        GenBindings.addDiscriminator(binder(), new SnganDiscriminatorFactory());
        GenBindings.addGenerator(binder(), new ProGanGeneratorFactory());
        GenBindings.addDiscriminator(binder(), new ProGanDiscriminatorFactory());
    }
}
