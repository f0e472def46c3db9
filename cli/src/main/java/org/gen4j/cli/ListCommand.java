package org.gen4j.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gen4j list}: every registered plugin by kind, with its one-line description; the core's
 * kinds and any kind a plugin brings. Procedures also show their networks and spec keys.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the plugins found on the class path, by kind.")
final class ListCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "KIND", description = "Only this kind: procedures,"
            + " generators, discriminators, losses, reconstruction-losses, variational-losses,"
            + " regularizers, optimizers, schedules, presets, datasets, metrics, or a kind a"
            + " plugin adds.")
    String kind;

    @Override
    public Integer call() {
        Registry registry = Gen4j.registry();
        if (kind != null) {
            PluginKind<?> k;
            try {
                k = registry.kind(kind.toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown kind '" + kind + "'. Known kinds: "
                        + registry.kinds().stream().map(PluginKind::plural)
                                .collect(Collectors.joining(", ")), e);
            }
            print(registry, k);
            return 0;
        }
        for (PluginKind<?> k : registry.kinds()) {
            print(registry, k);
        }
        return 0;
    }

    private static void print(Registry registry, PluginKind<?> k) {
        Map<String, ? extends NamedFactory> all = registry.all(k);
        System.out.println(k.plural() + ":");
        if (all.isEmpty()) {
            System.out.println("  (none)");
        }
        for (NamedFactory f : all.values()) {
            System.out.printf("  %-22s %s%n", f.name(), f.description());
            if (f instanceof ProcedureFactory p) {
                System.out.printf("  %-22s networks: %s%n", "", p.networks().stream()
                        .map(NetworkRole::name).collect(Collectors.joining(", ")));
                System.out.printf("  %-22s keys: %s%n", "", p.keys().stream().map(SpecKey::name)
                        .collect(Collectors.joining(", ")));
            }
        }
    }
}
