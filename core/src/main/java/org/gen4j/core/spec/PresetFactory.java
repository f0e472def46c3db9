package org.gen4j.core.spec;

import java.util.Map;
import org.gen4j.core.spi.NamedFactory;

/**
 * A preset: a named bundle of spec keys that reproduces a paper's settings (a loss, its
 * regularizers, the optimizers, the critic schedule), registered by a plugin like any component.
 *
 * <p>A preset sits between the defaults and everything the user writes: precedence is defaults
 * &lt; preset &lt; spec file &lt; flags &lt; {@code --set}, so any key of a preset can still be
 * changed. Select one with the spec key {@code preset}, or give its name as the {@code loss} (so
 * {@code loss: wgan-gp} is shorthand for {@code preset: wgan-gp}). The resolved keys, not the name,
 * are what a run records and resumes from; the name is kept in {@code preset} as provenance.
 */
public interface PresetFactory extends NamedFactory {

    /** The spec keys it sets, kebab-case as in a spec file. */
    Map<String, Object> keys();

    /** A preset from its parts. */
    static PresetFactory of(String name, String description, Map<String, Object> keys) {
        Map<String, Object> copy = Map.copyOf(keys);
        return new PresetFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Map<String, Object> keys() {
                return copy;
            }
        };
    }
}
