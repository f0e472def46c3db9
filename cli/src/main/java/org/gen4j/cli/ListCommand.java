package org.gen4j.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.spec.Presets;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gen4j list}: every registered plugin by kind, with its one-line description. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the plugins found on the class path, by kind.")
final class ListCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "KIND", description = "Only this kind: losses,"
            + " regularizers, generators, discriminators, datasets, metrics or presets.")
    String kind;

    @Override
    public Integer call() {
        Registry registry = Gen4j.registry();
        boolean found = false;
        for (PluginKind k : PluginKind.values()) {
            if (kind != null && !matches(k, kind)) {
                continue;
            }
            found = true;
            Map<String, ? extends NamedFactory> all = registry.all(k);
            System.out.println(k.plural() + ":");
            if (all.isEmpty()) {
                System.out.println("  (none)");
            }
            for (NamedFactory f : all.values()) {
                System.out.printf("  %-22s %s%n", f.name(), f.description());
            }
        }
        if (kind == null || kind.equalsIgnoreCase("presets") || kind.equalsIgnoreCase("preset")) {
            found = true;
            System.out.println("presets:");
            for (Presets.Preset p : Presets.all().values()) {
                System.out.printf("  %-22s %s%n", p.name(), p.description());
            }
        }
        if (!found) {
            StringBuilder kinds = new StringBuilder();
            for (PluginKind k : PluginKind.values()) {
                kinds.append(kinds.length() == 0 ? "" : ", ").append(k.plural());
            }
            kinds.append(", presets");
            throw new IllegalArgumentException("unknown kind '" + kind + "'. Known kinds: " + kinds);
        }
        return 0;
    }

    private static boolean matches(PluginKind k, String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.equals(k.plural()) || lower.equals(k.singular());
    }
}
