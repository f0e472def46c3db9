package org.gen4j.models.translation;

import com.google.inject.AbstractModule;
import java.util.function.Function;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.PatchDiscriminatorFactory;
import org.gen4j.core.model.PatchDiscriminatorSpec;
import org.gen4j.core.model.Translator;
import org.gen4j.core.model.TranslatorFactory;
import org.gen4j.core.model.TranslatorSpec;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.core.spi.PluginKind;

/**
 * The image-to-image plugin: the translators {@code unet}, {@code resnet} and {@code srresnet},
 * and the patch critic {@code patchgan}, which the applications find by name.
 */
public final class TranslationModelsModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.add(binder(), PluginKind.TRANSLATOR, translator(UNet.NAME,
                "pix2pix's U-Net: 4x4 stride-2 encoder and decoder with skips, instance norm,"
                        + " dropout noise; options width, depth, norm, dropout, dropout-levels,"
                        + " dropout-at-inference", UNet::create));
        GenBindings.add(binder(), PluginKind.TRANSLATOR, translator(ResnetTranslator.NAME,
                "CycleGAN's ResNet generator: reflection padding, instance norm, residual"
                        + " blocks; options width, blocks, downsampling, norm",
                ResnetTranslator::create));
        GenBindings.add(binder(), PluginKind.TRANSLATOR, translator(SrResnet.NAME,
                "SRGAN's SRResNet: residual blocks and pixel-shuffle upsampling by 2, 3, 4 or 8;"
                        + " options width, blocks, norm", SrResnet::create));
        GenBindings.add(binder(), PluginKind.PATCH_DISCRIMINATOR, new PatchDiscriminatorFactory() {
            @Override
            public String name() {
                return PatchGan.NAME;
            }

            @Override
            public String description() {
                return "pix2pix's PatchGAN: a score per patch of 16, 34, 70, 142 or 286 pixels;"
                        + " options receptive-field or layers, width, norm";
            }

            @Override
            public PatchDiscriminator create(PatchDiscriminatorSpec spec) {
                return PatchGan.create(spec);
            }
        });
    }

    private static TranslatorFactory translator(String name, String description,
            Function<TranslatorSpec, Translator> create) {
        return new TranslatorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Translator create(TranslatorSpec spec) {
                return create.apply(spec);
            }
        };
    }
}
