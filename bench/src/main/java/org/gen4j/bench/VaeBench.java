package org.gen4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.HeldOutData;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.evaluation.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench/run vae}: gen4j's {@code vae} procedure and the PyTorch reference {@code
 * bench/reference/vae.py} trained on the same setup, side by side: dynamically binarised
 * Fashion-MNIST, MLP 784-512-256-32 with a Bernoulli decoder, Adam 1e-3, batch 100. Both score
 * the same fixed binarisation of the test split (written once by gen4j as an IDX file) with the
 * -ELBO and the importance-weighted NLL, and report their training images per second.
 */
@Command(name = "vae", mixinStandardHelpOptions = true, description = "Train gen4j's vae on every"
        + " engine and the PyTorch reference on the same setup, per seed, and print both sides'"
        + " test -ELBO, IWAE NLL and training images/s.")
final class VaeBench implements Callable<Integer> {

    /** The setup both sides share. */
    static final class Setup extends BinarizedSetup {
        @Option(names = "--epochs", defaultValue = "10") int epochs;
        @Option(names = "--batch", defaultValue = "100") int batch;
        @Option(names = "--latent", defaultValue = "32") int latent;
        @Option(names = "--k", defaultValue = "1000", description = "Importance samples.") int k;

        List<String> modelArgs() {
            return List.of("--epochs", "" + epochs, "--batch", "" + batch, "--latent",
                    "" + latent, "--k", "" + k);
        }
    }

    @Mixin
    Setup setup;

    @Mixin
    SideOptions sides;

    @Option(names = "--reference", defaultValue = "bench/reference/vae.py") Path reference;

    @Option(names = "--work", defaultValue = "bench/target/vae", description = "Folder for the"
            + " runs and the binarised test split.")
    Path work;

    @Override
    public Integer call() throws Exception {
        var results = LikelihoodSide.runSides(sides, setup, work, reference, "vae-side", "2g",
                setup.modelArgs());
        print(results);
        return 0;
    }

    private void print(Map<String, List<Map<String, String>>> results) {
        System.out.printf("%nVAE on dynamically binarised Fashion-MNIST: MLP 784-512-256-%d,"
                + " Bernoulli decoder, Adam 1e-3, batch %d, %d epochs, %d threads; the first %d"
                + " test images, binarised once (seed %d); IWAE k=%d; seeds %s%n", setup.latent,
                setup.batch, setup.epochs, setup.threads, setup.testN, setup.binarizeSeed,
                setup.k, sides.seeds);
        System.out.printf("%-16s %6s %18s %18s %10s %8s%n", "implementation", "seed",
                "-ELBO (nats)", "IWAE NLL (nats)", "images/s", "train s");
        Map<String, double[]> means = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            double[] sum = new double[3];
            for (int i = 0; i < e.getValue().size(); i++) {
                Map<String, String> r = e.getValue().get(i);
                double elbo = Double.parseDouble(r.get("neg_elbo"));
                double iw = Double.parseDouble(r.get("iwae_nll"));
                double rate = Double.parseDouble(r.get("images_per_s"));
                System.out.printf("%-16s %6d %10.3f ± %5.3f %10.3f ± %5.3f %10.1f %8s%n",
                        e.getKey(), sides.seeds.get(i), elbo,
                        Double.parseDouble(r.get("neg_elbo_se")),
                        iw, Double.parseDouble(r.get("iwae_nll_se")), rate, r.get("train_s"));
                sum[0] += elbo;
                sum[1] += iw;
                sum[2] += rate;
            }
            int n = e.getValue().size();
            means.put(e.getKey(), new double[] {sum[0] / n, sum[1] / n, sum[2] / n});
        }
        double[] ref = means.get(SideBySide.REFERENCE);
        System.out.printf("%nmeans over %d seed(s)%s%n", sides.seeds.size(), ref == null ? ""
                : "; differences and speed against pytorch-eager");
        for (var e : means.entrySet()) {
            double[] m = e.getValue();
            System.out.printf("%-16s -ELBO %.3f%s  IWAE %.3f%s  %.1f images/s%s%n", e.getKey(),
                    m[0], ref == null ? "" : String.format(" (%+.3f)", m[0] - ref[0]), m[1],
                    ref == null ? "" : String.format(" (%+.3f)", m[1] - ref[1]), m[2],
                    ref == null ? "" : String.format(" (%.2fx)", m[2] / ref[2]));
        }
    }

    /** One gen4j side: trains in this JVM's engine, then scores the test split. */
    @Command(name = "vae-side", description = "Train and score gen4j's side of 'vae' on this"
            + " JVM's engine (run by 'vae' in a child JVM).")
    static final class Side implements Callable<Integer> {

        @Mixin
        Setup setup;

        @Option(names = "--seed", defaultValue = "1") long seed;

        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() throws Exception {
            Registry registry = Gen4j.registry();
            RunSpec spec = LikelihoodSide.binarizedFashion("vae", setup.data,
                    setup.binarizeSeed, setup.epochs, setup.batch, seed)
                    .optModelOptions(Map.of("architecture", "mlp", "hidden", List.of(512, 256)))
                    .opt("latent-size", setup.latent).opt("decoder", "bernoulli")
                    .build(registry);
            long steps = spec.steps();
            double trainSeconds = LikelihoodSide.train(spec, registry, out);
            try (TrainedModel model = TrainedModel.load(out, registry)) {
                SampleSet test = HeldOutData.first(HeldOutData.testSplit(model.spec(), registry),
                        setup.testN);
                long t1 = System.nanoTime();
                double[] elbo = nll(registry, model.likelihood("elbo", Map.of("seed", seed)),
                        test, seed);
                double[] iw = nll(registry, model.likelihood("iwae", Map.of("seed", seed,
                        "samples", setup.k)), test, seed);
                double evalSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("test (%d images): -ELBO %.3f +- %.3f, IWAE k=%d NLL %.3f +-"
                        + " %.3f nats%n", test.size(), elbo[0], elbo[1], setup.k, iw[0], iw[1]);
                System.out.printf(Locale.ROOT, "RESULT impl=gen4j images_per_s=%.1f neg_elbo=%.4f"
                        + " neg_elbo_se=%.4f iwae_nll=%.4f iwae_nll_se=%.4f train_s=%.1f"
                        + " eval_s=%.1f peak_rss_mb=%d%n", steps * setup.batch / trainSeconds,
                        elbo[0], elbo[1], iw[0], iw[1], trainSeconds, evalSeconds,
                        DcganBench.Memory.peakRssMb());
            }
            return 0;
        }

        private static double[] nll(Registry registry, LikelihoodModel model, SampleSet test,
                long seed) {
            var result = Evaluator.evaluateLikelihood(registry, Map.of("nll", Map.of()), model,
                    test, seed, null).build().result("nll");
            return new double[] {result.value("nll"), result.value("nll_std_error")};
        }
    }
}
