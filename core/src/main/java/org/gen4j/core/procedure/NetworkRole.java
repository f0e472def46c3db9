package org.gen4j.core.procedure;

import java.util.Objects;
import java.util.regex.Pattern;
import org.gen4j.core.optim.OptimizerSpec;

/**
 * A network a procedure trains, as the spec sees it before anything is built: its name (the key
 * of its optimizer under {@code optimizers}), its default optimizer, and an older spec key that
 * still sets that optimizer.
 *
 * @param name the network's name, lower-kebab-case ({@code generator}, {@code discriminator})
 * @param defaultOptimizer the optimizer a spec that names none gets
 * @param alias a top-level spec key that means {@code optimizers.<name>} ({@code optimizer-g}),
 *     or null
 */
public record NetworkRole(String name, OptimizerSpec defaultOptimizer, String alias) {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Validates. */
    public NetworkRole {
        Objects.requireNonNull(name, "name is null");
        if (!KEBAB.matcher(name).matches()) {
            throw new IllegalArgumentException("network name must be lower-kebab-case, got '"
                    + name + "'");
        }
        Objects.requireNonNull(defaultOptimizer, "defaultOptimizer is null");
    }

    /** A role without an alias key. */
    public static NetworkRole of(String name, OptimizerSpec defaultOptimizer) {
        return new NetworkRole(name, defaultOptimizer, null);
    }
}
