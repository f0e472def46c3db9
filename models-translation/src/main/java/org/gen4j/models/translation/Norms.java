package org.gen4j.models.translation;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import java.util.Optional;
import java.util.Set;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.util.Options;

/**
 * The normalisation option the image-to-image networks share: {@code instance} (per image and
 * channel, with a learned scale and shift; pix2pix and CycleGAN), {@code batch} or {@code none}.
 */
final class Norms {

    /** The option's key. */
    static final String KEY = "norm";

    /** Its values. */
    static final Set<String> VALUES = Set.of("instance", "batch", "none");

    private Norms() {}

    /** The option's value, {@code fallback} when absent. */
    static String read(Options options, String fallback) {
        return options.getChoice(KEY, fallback, VALUES);
    }

    /** A new normalisation layer for {@code norm}, or none. */
    static Optional<Block> layer(String norm) {
        return switch (norm) {
            case "instance" -> Optional.of(Layers.instanceNorm(true));
            case "batch" -> Optional.of(BatchNorm.builder().build());
            default -> Optional.empty();
        };
    }

    /** Whether a convolution before {@code norm} needs its own bias (BatchNorm has a shift). */
    static boolean convBias(String norm) {
        return !norm.equals("batch");
    }
}
