package org.gen4j.core.spec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named bundles of spec keys that reproduce a paper's settings: a loss, its regularizers, the
 * optimizers and the critic schedule, applied together.
 *
 * <p>A preset sits between the defaults and everything the user writes: precedence is defaults &lt;
 * preset &lt; spec file &lt; flags &lt; {@code --set}, so any key of a preset can still be changed.
 * Select one with the spec key {@code preset}, or give its name as the loss ({@code --loss wgan-gp}
 * is shorthand for {@code --preset wgan-gp}). The resolved keys, not the name, are what a run
 * records and resumes from; the name is kept in the spec's {@code preset} key as provenance.
 */
public final class Presets {

    private static final Map<String, Preset> BUILT_IN = new TreeMap<>(Map.of(
            "wgan", new Preset("wgan",
                    "WGAN (Arjovsky et al. 2017): Wasserstein loss, weight clipping c = 0.01,"
                            + " RMSprop lr 5e-5, n-critic 5",
                    Map.of("loss", "wasserstein",
                            "n-critic", 5,
                            "regularizers", List.of(Map.of("name", "weight-clipping",
                                    "weight", 1, "options", Map.of("c", 0.01))),
                            "optimizer-g", rmsprop(),
                            "optimizer-d", rmsprop())),
            "wgan-gp", new Preset("wgan-gp",
                    "WGAN-GP (Gulrajani et al. 2017): Wasserstein loss, gradient penalty lambda 10,"
                            + " Adam lr 1e-4 betas (0, 0.9), n-critic 5, critic without BatchNorm",
                    Map.of("loss", "wasserstein",
                            "n-critic", 5,
                            "regularizers", List.of(Map.of("name", "wgan-gp", "weight", 10)),
                            "optimizer-g", gpAdam(),
                            "optimizer-d", gpAdam()))));

    private Presets() {}

    /**
     * One preset.
     *
     * @param name its name
     * @param description one line for {@code gen4j list}
     * @param keys the spec keys it sets, kebab-case as in a spec file
     */
    public record Preset(String name, String description, Map<String, Object> keys) {}

    private static Map<String, Object> rmsprop() {
        return Map.of("type", "rmsprop", "lr", 5e-5, "beta2", 0.99, "eps", 1e-8);
    }

    private static Map<String, Object> gpAdam() {
        return Map.of("type", "adam", "lr", 1e-4, "beta1", 0.0, "beta2", 0.9, "eps", 1e-8);
    }

    /** Every preset, by name. */
    public static Map<String, Preset> all() {
        return java.util.Collections.unmodifiableMap(BUILT_IN);
    }

    /** Whether {@code name} is a preset. */
    public static boolean contains(String name) {
        return name != null && BUILT_IN.containsKey(name);
    }

    /**
     * The preset called {@code name}.
     *
     * @throws IllegalArgumentException naming the known presets
     */
    public static Preset get(String name) {
        Preset p = BUILT_IN.get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown preset '" + name + "'. Known presets: "
                    + BUILT_IN.keySet());
        }
        return p;
    }
}
