package org.gen4j.cli;

import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;

/** {@code gen4j upscale}: images through a super-resolution model. */
@Command(name = "upscale", mixinStandardHelpOptions = true,
        description = "Upscale images with a trained super-resolution model (srgan): IN is an"
                + " image, a folder or #N of the run's test split; each is scaled to the"
                + " model's input size and its enlargement written as a PNG.")
final class UpscaleCommand extends ImageToImageCommand {

    @Override
    String to() {
        return null;
    }

    @Override
    void check(ImageTranslation translation, TrainedModel model) {
        if (translation.outputShape().get(1) <= translation.inputShape().get(1)) {
            throw new IllegalArgumentException(images.run + " holds a '"
                    + model.spec().procedure() + "' model that maps " + translation.inputShape()
                    + " to " + translation.outputShape() + " without enlarging; use gen4j"
                    + " translate");
        }
    }
}
