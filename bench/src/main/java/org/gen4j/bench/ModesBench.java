package org.gen4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.models.gan.coverage.MixtureCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The mode-coverage table: every loss of {@link MixtureCoverage#standardConfigs} trained on the
 * 8-Gaussian ring and the 25-Gaussian grid with fixed seeds and step budgets, each scored on
 * 2,500 generated points (modes covered, share of high-quality samples, training seconds).
 */
@Command(name = "modes", mixinStandardHelpOptions = true, description = "Mode coverage of every"
        + " loss on gaussian-ring-8 and gaussian-grid-25 (mlp-gan, fixed seeds and budgets).")
final class ModesBench implements Callable<Integer> {

    @Option(names = "--ring-steps", defaultValue = "2000") int ringSteps;
    @Option(names = "--grid-steps", defaultValue = "4000") int gridSteps;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--only", split = ",", description = "Only these rows (labels as printed).")
    List<String> only;
    @Option(names = "--mixtures", split = ",", defaultValue = "ring,grid") List<String> mixtures;

    @Override
    public Integer call() {
        Registry registry = Gen4j.registry();
        List<String> rows = new ArrayList<>();
        for (String m : mixtures) {
            GaussianMixture mixture = switch (m) {
                case "ring" -> GaussianMixture.ring(8, 2.0, 0.02, 1, seed);
                case "grid" -> GaussianMixture.grid(5, 2.0, 0.05, 1, seed);
                default -> throw new IllegalArgumentException("--mixtures takes ring and grid, got "
                        + m);
            };
            int steps = m.equals("ring") ? ringSteps : gridSteps;
            for (MixtureCoverage.Config c : MixtureCoverage.standardConfigs(steps, seed)) {
                if (only != null && !only.contains(c.label())) {
                    continue;
                }
                MixtureCoverage.Result r = MixtureCoverage.run(registry, mixture, c);
                String row = String.format(Locale.ROOT, "%-22s %-18s %6d %5d/%-3d %8.3f %9.1f",
                        c.label(), mixture.name(), steps, r.coverage().covered(),
                        r.coverage().modes(), r.coverage().highQualityShare(), r.seconds());
                System.out.println(row);
                rows.add(row);
            }
        }
        System.out.printf("%nMode coverage, mlp-gan 3x128, batch 256, seed %d, 2,500 samples scored"
                + " (covered: >= 20 samples within 3 std)%n", seed);
        System.out.printf("%-22s %-18s %6s %9s %8s %9s%n", "loss", "mixture", "steps", "modes",
                "hq-share", "seconds");
        rows.forEach(System.out::println);
        return 0;
    }
}
