package org.gen4j.cli;

import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gen4j translate}: images through a pix2pix, CycleGAN or StarGAN model. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate images with a trained image-to-image model (pix2pix, cyclegan,"
                + " stargan): IN is an image, a folder or #N of the run's test split; each is"
                + " scaled to the model's input size and written as a PNG.")
final class TranslateCommand extends ImageToImageCommand {

    @Option(names = "--to", paramLabel = "DOMAIN", description = "The target domain of a"
            + " model with domains (cyclegan: A or B; stargan: a class name).")
    String to;

    @Override
    String to() {
        return to;
    }

    @Override
    void check(ImageTranslation translation, TrainedModel model) {
        if (to != null && !translation.domains().isEmpty()
                && !translation.domains().contains(to)) {
            throw new IllegalArgumentException("--to " + to + ": the model's domains are "
                    + translation.domains());
        }
        if (to != null && translation.domains().isEmpty()) {
            throw new IllegalArgumentException("--to " + to + ": the '"
                    + model.spec().procedure() + "' model translates one way and has no"
                    + " domains; leave --to out");
        }
    }
}
