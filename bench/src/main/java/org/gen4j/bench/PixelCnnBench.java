package org.gen4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.MetricResult;
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
 * {@code bench/run pixelcnn}: gen4j's {@code pixelcnn} and the PyTorch reference {@code
 * bench/reference/pixelcnn.py} trained on the same setup (the PixelCNN: 7x7 mask A to
 * 64 channels, 5 residual blocks, 1x1 mask-B outputs to one logit; Adam 1e-3, batch 64,
 * dynamically binarised Fashion-MNIST), both scored with the exact NLL on the same fixed
 * binarisation of the test split, with their training images per second.
 */
@Command(name = "pixelcnn", mixinStandardHelpOptions = true, description = "Train gen4j's"
        + " pixelcnn on every engine and the PyTorch reference on the same setup, per seed, and"
        + " print both sides' test NLL (nats and bits/dim) and training images/s.")
final class PixelCnnBench implements Callable<Integer> {

    /** The setup both sides share. */
    static final class Setup extends BinarizedSetup {
        @Option(names = "--epochs", defaultValue = "1") int epochs;
        @Option(names = "--batch", defaultValue = "64") int batch;

        List<String> modelArgs() {
            return List.of("--epochs", "" + epochs, "--batch", "" + batch);
        }
    }

    @Mixin
    Setup setup;

    @Mixin
    SideOptions sides;

    @Option(names = "--reference", defaultValue = "bench/reference/pixelcnn.py")
    Path reference;

    @Option(names = "--work", defaultValue = "bench/target/pixelcnn") Path work;

    @Override
    public Integer call() throws Exception {
        var results = LikelihoodSide.runSides(sides, setup, work, reference, "pixelcnn-side",
                "4g", setup.modelArgs());
        System.out.printf("%nPixelCNN on dynamically binarised Fashion-MNIST: 7x7 mask A to 64,"
                + " 5 residual blocks, 1x1 outputs to one logit; Adam 1e-3, batch %d, %d"
                + " epoch(s), %d threads; exact NLL of the first %d test images, binarised"
                + " once (seed %d); seeds %s%n", setup.batch, setup.epochs, setup.threads,
                setup.testN, setup.binarizeSeed, sides.seeds);
        System.out.printf("%-16s %6s %20s %12s %10s %8s%n", "implementation", "seed",
                "NLL (nats)", "bits/dim", "images/s", "train s");
        Map<String, double[]> means = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            double[] sum = new double[2];
            for (int i = 0; i < e.getValue().size(); i++) {
                Map<String, String> r = e.getValue().get(i);
                double nll = Double.parseDouble(r.get("nll"));
                double rate = Double.parseDouble(r.get("images_per_s"));
                System.out.printf("%-16s %6d %11.3f ± %6.3f %12.5f %10.1f %8s%n", e.getKey(),
                        sides.seeds.get(i), nll, Double.parseDouble(r.get("nll_se")),
                        Double.parseDouble(r.get("bits_per_dim")), rate, r.get("train_s"));
                sum[0] += nll;
                sum[1] += rate;
            }
            int n = e.getValue().size();
            means.put(e.getKey(), new double[] {sum[0] / n, sum[1] / n});
        }
        double[] ref = means.get(SideBySide.REFERENCE);
        System.out.printf("%nmeans over %d seed(s)%n", sides.seeds.size());
        for (var e : means.entrySet()) {
            double[] m = e.getValue();
            System.out.printf("%-16s NLL %.3f%s  %.1f images/s%s%n", e.getKey(), m[0],
                    ref == null ? "" : String.format(" (%+.2f%%)", 100 * (m[0] / ref[0] - 1)),
                    m[1], ref == null ? "" : String.format(" (%.2fx)", m[1] / ref[1]));
        }
        return 0;
    }

    /** One gen4j side: trains on this JVM's engine, then scores the test split. */
    @Command(name = "pixelcnn-side", description = "Train and score gen4j's side of 'pixelcnn'"
            + " on this JVM's engine (run by 'pixelcnn' in a child JVM).")
    static final class Side implements Callable<Integer> {

        @Mixin
        Setup setup;

        @Option(names = "--seed", defaultValue = "1") long seed;

        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() throws Exception {
            Registry registry = Gen4j.registry();
            RunSpec spec = LikelihoodSide.binarizedFashion("pixelcnn", setup.data,
                    setup.binarizeSeed, setup.epochs, setup.batch, seed)
                    .opt("output", "bernoulli").optSampleCount(16).build(registry);
            long steps = spec.steps();
            double trainSeconds = LikelihoodSide.train(spec, registry, out);
            try (TrainedModel model = TrainedModel.load(out, registry)) {
                SampleSet test = HeldOutData.first(HeldOutData.testSplit(model.spec(), registry),
                        setup.testN);
                long t1 = System.nanoTime();
                MetricResult r = Evaluator.evaluateLikelihood(registry, Map.of("nll", Map.of(),
                        "bits-per-dim", Map.of()), model.likelihood("exact", Map.of()), test,
                        seed, null).build().result("nll");
                double evalSeconds = (System.nanoTime() - t1) / 1e9;
                double nll = r.value("nll");
                double bpd = nll / (784 * Math.log(2));
                System.out.printf("test (%d images): NLL %.3f +- %.3f nats, %.4f bits/dim%n",
                        test.size(), nll, r.value("nll_std_error"), bpd);
                System.out.printf(Locale.ROOT, "RESULT impl=gen4j images_per_s=%.1f nll=%.4f"
                        + " nll_se=%.4f bits_per_dim=%.5f train_s=%.1f eval_s=%.1f"
                        + " peak_rss_mb=%d%n", steps * setup.batch / trainSeconds, nll,
                        r.value("nll_std_error"), bpd, trainSeconds, evalSeconds,
                        DcganBench.Memory.peakRssMb());
            }
            return 0;
        }
    }
}
