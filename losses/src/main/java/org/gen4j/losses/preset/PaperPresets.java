package org.gen4j.losses.preset;

import java.util.List;
import java.util.Map;
import org.gen4j.core.spec.PresetFactory;

/**
 * The presets of the losses plugin: each reproduces a paper's settings for a GAN procedure (the
 * loss, its regularizers, both optimizers and the critic schedule). See {@link PresetFactory} for
 * how a preset applies.
 */
public final class PaperPresets {

    /** WGAN with weight clipping. */
    public static final String WGAN = "wgan";
    /** WGAN with the gradient penalty. */
    public static final String WGAN_GP = "wgan-gp";

    private PaperPresets() {}

    /** New instances of every preset. */
    public static List<PresetFactory> all() {
        return List.of(
                PresetFactory.of(WGAN, "WGAN (Arjovsky et al. 2017): Wasserstein loss, weight"
                        + " clipping c = 0.01, RMSprop lr 5e-5, n-critic 5",
                        Map.of("loss", "wasserstein",
                                "n-critic", 5,
                                "regularizers", List.of(Map.of("name", "weight-clipping",
                                        "weight", 1, "options", Map.of("c", 0.01))),
                                "optimizer-g", rmsprop(),
                                "optimizer-d", rmsprop())),
                PresetFactory.of(WGAN_GP, "WGAN-GP (Gulrajani et al. 2017): Wasserstein loss,"
                        + " gradient penalty lambda 10, Adam lr 1e-4 betas (0, 0.9), n-critic 5,"
                        + " critic without BatchNorm",
                        Map.of("loss", "wasserstein",
                                "n-critic", 5,
                                "regularizers", List.of(Map.of("name", "wgan-gp", "weight", 10)),
                                "optimizer-g", gpAdam(),
                                "optimizer-d", gpAdam())));
    }

    private static Map<String, Object> rmsprop() {
        return Map.of("type", "rmsprop", "lr", 5e-5, "beta2", 0.99, "eps", 1e-8);
    }

    private static Map<String, Object> gpAdam() {
        return Map.of("type", "adam", "lr", 1e-4, "beta1", 0.0, "beta2", 0.9, "eps", 1e-8);
    }
}
