package org.gen4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.AtomicFiles;
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

    @Option(names = "--ring-steps", defaultValue = "3000") int ringSteps;
    @Option(names = "--grid-steps", defaultValue = "4000") int gridSteps;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--only", split = ",", description = "Only these rows (labels as printed).")
    List<String> only;
    @Option(names = "--mixtures", split = ",", defaultValue = "ring,grid") List<String> mixtures;
    @Option(names = "--lr", description = "Override every row's learning rate.") Double lr;
    @Option(names = "--beta1", description = "Override every row's beta1.") Double beta1;
    @Option(names = "--batch", description = "Override every row's batch size.") Integer batch;
    @Option(names = "--width", description = "Override every row's hidden width.") Integer width;
    @Option(names = "--depth", description = "Override every row's hidden layers.") Integer depth;
    @Option(names = "--latent", description = "Override every row's latent size.") Integer latent;
    @Option(names = "--init-std", description = "Override every row's init std.") Float initStd;
    @Option(names = "--dump", description = "Write each row's scored points to"
            + " DIR/<label>-<mixture>.csv.")
    Path dump;
    @Option(names = "--decay", description = "Override: learning rates decay linearly to 0.")
    Boolean decay;
    @Option(names = "--n-critic", description = "Override every row's critic updates.")
    Integer nCritic;
    @Option(names = "--reuse-fakes", description = "Override: the generator update reuses the"
            + " discriminator update's fakes (true) or runs the generator again (false).")
    Boolean reuseFakes;

    private static void writePoints(Path file, float[] points) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < points.length; i += 2) {
            sb.append(points[i]).append(',').append(points[i + 1]).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private MixtureCoverage.Config override(MixtureCoverage.Config c) {
        OptimizerSpec opt = c.optimizer();
        if (lr != null) {
            opt = opt.withLr(lr);
        }
        if (beta1 != null && opt.settings().containsKey("beta1")) {
            opt = opt.with("beta1", beta1);
        }
        return new MixtureCoverage.Config(c.label(), c.loss(), c.regularizers(), opt,
                nCritic == null ? c.nCritic() : nCritic, c.steps(),
                batch == null ? c.batchSize() : batch, latent == null ? c.latentSize() : latent,
                width == null ? c.width() : width, depth == null ? c.depth() : depth,
                initStd == null ? c.initStd() : initStd, c.seed(),
                decay == null ? c.decayLr() : decay,
                reuseFakes == null ? c.reuseFakes() : reuseFakes);
    }

    @Override
    public Integer call() throws IOException {
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
            for (MixtureCoverage.Config std : MixtureCoverage.standardConfigs(steps, seed)) {
                MixtureCoverage.Config c = override(std);
                if (only != null && !only.contains(c.label())) {
                    continue;
                }
                MixtureCoverage.Result r = MixtureCoverage.run(registry, mixture, c);
                String row = String.format(Locale.ROOT, "%-22s %-18s %6d %5d/%-3d %8.3f %9.1f",
                        c.label(), mixture.name(), steps, r.coverage().covered(),
                        r.coverage().modes(), r.coverage().highQualityShare(), r.seconds());
                row += "  " + Arrays.toString(r.coverage().perMode());
                System.out.println(row);
                if (dump != null) {
                    writePoints(dump.resolve(c.label().replaceAll("[^a-z0-9-]", "_") + "-"
                            + mixture.name() + ".csv"), r.points());
                }
                rows.add(row);
            }
        }
        MixtureCoverage.Config first = override(MixtureCoverage.standardConfigs(1, seed).get(0));
        System.out.printf(Locale.ROOT, "%nMode coverage, mlp-gan %dx%d, batch %d, init N(0, %s),"
                + " seed %d, 2,500 samples scored (covered: >= 20 samples within 3 std; the"
                + " last column: high-quality samples per mode)%n", first.depth(), first.width(),
                first.batchSize(), first.initStd(), seed);
        System.out.printf("%-22s %-18s %6s %9s %8s %9s%n", "loss", "mixture", "steps", "modes",
                "hq-share", "seconds");
        rows.forEach(System.out::println);
        return 0;
    }
}
