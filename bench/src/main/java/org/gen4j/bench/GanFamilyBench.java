package org.gen4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.report.EvaluationReport;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FeatureNetwork;
import org.gen4j.evaluation.features.FeatureNetworks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The GAN family table: each row (a model, optionally with the generator's weight average and
 * DiffAugment) trained on the same data for the same epochs and seeds, then scored by the
 * evaluation module as {@code gen4j evaluate} scores it: FID, KID, precision/recall and
 * density/coverage against the test split, conditional accuracy for a conditional model (its
 * samples drawn evenly over the classes), and the training images per second.
 */
@Command(name = "gan-family", mixinStandardHelpOptions = true, description = "Train each GAN"
        + " row on the same data, epochs and seeds, and print FID, KID, precision/recall,"
        + " density/coverage, conditional accuracy and training images/s.")
final class GanFamilyBench implements Callable<Integer> {

    @Option(names = "--rows", split = ",", defaultValue = "dcgan,cgan,acgan,infogan,sngan+loss=hinge,progan,cvae-gan,biggan",
            description = "Models to train, each optionally with +ema (ema: {decay, start} as"
                    + " --ema-decay and --ema-start), +diffaugment (color, translation,"
                    + " cutout) and +KEY=VALUE for a top-level spec key: dcgan+ema+diffaugment,"
                    + " sngan+loss=hinge.")
    List<String> rows;
    @Option(names = "--epochs", defaultValue = "20") int epochs;
    @Option(names = "--seeds", split = ",", defaultValue = "1") List<Long> seeds;
    @Option(names = "--data", defaultValue = "fashion-mnist-sample") String data;
    @Option(names = "--n", defaultValue = "5000", description = "Generated images scored.")
    int n;
    @Option(names = "--ema-decay", defaultValue = "0.995") double emaDecay;
    @Option(names = "--ema-start", defaultValue = "100") long emaStart;
    @Option(names = "--set", description = "Top-level KEY=VALUE for every row's spec (numbers and"
            + " booleans parsed).")
    Map<String, String> set = new LinkedHashMap<>();
    @Option(names = "--out", defaultValue = "bench/target/gan-family") Path out;

    /** One scored run. */
    private record Result(String row, long seed, Map<String, Double> values, double imagesPerSecond) {}

    private static final List<String[]> COLUMNS = List.of(
            new String[] {"fid", "fid"}, new String[] {"kid", "kid_mean"},
            new String[] {"precision", "precision"}, new String[] {"recall", "recall"},
            new String[] {"density", "density"}, new String[] {"coverage", "coverage"},
            new String[] {"cond-acc", "accuracy"});

    @Override
    public Integer call() throws Exception {
        Registry registry = Gen4j.registry();
        BenchFiles.deleteTree(out);
        List<Result> results = new ArrayList<>();
        for (String row : rows) {
            for (long seed : seeds) {
                Result r = run(registry, row, seed);
                results.add(r);
                System.out.println(line(r.row(), "seed " + r.seed(), r.values(),
                        r.imagesPerSecond()));
            }
        }
        System.out.printf(Locale.ROOT, "%nGAN family: %s, %d epochs, seeds %s, %d generated"
                + " images against the test split, features of the shipped Fashion-MNIST"
                + " classifier; ema {decay %s, start %d}; diffaugment color,translation,cutout%n",
                data, epochs, seeds, n, emaDecay, emaStart);
        StringBuilder head = new StringBuilder(String.format("%-28s %-10s", "row", "seeds"));
        COLUMNS.forEach(c -> head.append(String.format(" %17s", c[0])));
        System.out.println(head.append(String.format(" %9s", "img/s")));
        for (String row : rows) {
            List<Result> of = results.stream().filter(r -> r.row().equals(row)).toList();
            Map<String, Double> mean = new HashMap<>();
            Map<String, Double> spread = new HashMap<>();
            for (String[] c : COLUMNS) {
                List<Double> v = of.stream().map(r -> r.values().get(c[1]))
                        .filter(x -> x != null).toList();
                if (!v.isEmpty()) {
                    double m = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    double var = v.stream().mapToDouble(x -> (x - m) * (x - m)).sum()
                            / Math.max(1, v.size() - 1);
                    mean.put(c[1], m);
                    spread.put(c[1], Math.sqrt(var));
                }
            }
            double ips = of.stream().mapToDouble(Result::imagesPerSecond).average().orElseThrow();
            StringBuilder sb = new StringBuilder(String.format("%-28s %-10s", row,
                    of.size() + " seeds"));
            for (String[] c : COLUMNS) {
                Double m = mean.get(c[1]);
                sb.append(m == null ? String.format(" %17s", "-")
                        : String.format(Locale.ROOT, " %8.4f+-%-7.4f", m, spread.get(c[1])));
            }
            System.out.println(sb.append(String.format(Locale.ROOT, " %9.0f", ips)));
        }
        return 0;
    }

    private Result run(Registry registry, String row, long seed) throws Exception {
        String[] parts = row.split("\\+");
        RunSpec.Builder b = RunSpec.builder().setModel(parts[0]).optData(data).optEpochs(epochs)
                .optSeed(seed);
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "ema" -> b.opt("ema", Map.of("decay", emaDecay, "start", emaStart));
                case "diffaugment" -> b.opt("diff-augment", "color,translation,cutout");
                default -> {
                    int eq = parts[i].indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("row " + row + ": unknown modifier '"
                                + parts[i] + "'; rows take +ema, +diffaugment and +KEY=VALUE");
                    }
                    b.opt(parts[i].substring(0, eq), BenchFiles.parse(parts[i].substring(eq + 1)));
                }
            }
        }
        set.forEach((k, v) -> b.opt(k, BenchFiles.parse(v)));
        RunSpec spec = b.build(registry);
        Path dir = out.resolve(row + "-seed" + seed);
        long t0 = System.nanoTime();
        double images;
        try (TrainingRun r = TrainingRun.start(spec, registry, dir)) {
            images = (double) r.totalSteps() * spec.batchSize()
                    * r.trainer().procedure().batchesPerStep();
            r.train(null);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (TrainedModel model = TrainedModel.load(dir, registry);
                FeatureNetwork network = FeatureNetworks.open(registry, FeatureNetworks.DEFAULT, Map.of())) {
            int[] labels = null;
            List<String> metrics = new ArrayList<>(List.of("fid", "kid", "precision-recall",
                    "density-coverage"));
            if (model.numClasses() > 0) {
                labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = i % model.numClasses();
                }
                metrics.add("conditional-accuracy");
            }
            float[] x = model.sample(n, new RandomStream(seed), labels, 250);
            Evaluator.Images generated = new Evaluator.Images(row, x, n, model.sampleShape(),
                    labels);
            Map<String, Object> opts = new HashMap<>(spec.dataOptions());
            opts.put("split", IdxDataset.TEST);
            SampleSet test = DataSources.open(data, new Options("reference", opts), seed,
                    registry::dataset);
            Evaluator.Images reference = Evaluator.Images.of(test, n, data + " (test split)");
            Map<String, Map<String, Object>> asked = new LinkedHashMap<>();
            metrics.forEach(m -> asked.put(m, new HashMap<>()));
            EvaluationReport report = Evaluator.evaluateImages(registry, asked, generated,
                    reference, network, seed, 250, null);
            Map<String, Double> values = new HashMap<>();
            for (MetricResult m : report.metrics()) {
                m.values().forEach((k, v) -> values.put(k, v.doubleValue()));
            }
            return new Result(row, seed, values, images / seconds);
        }
    }

    private static String line(String row, String seed, Map<String, Double> values,
            double ips) {
        StringBuilder sb = new StringBuilder(String.format("%-28s %-10s", row, seed));
        for (String[] c : COLUMNS) {
            Double v = values.get(c[1]);
            sb.append(v == null ? String.format(" %17s", "-")
                    : String.format(Locale.ROOT, " %17.4f", v));
        }
        return sb.append(String.format(Locale.ROOT, " %9.0f", ips)).toString();
    }
}
