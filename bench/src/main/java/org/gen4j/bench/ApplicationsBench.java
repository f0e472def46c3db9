package org.gen4j.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.ImageSet;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FeatureNetwork;
import org.gen4j.evaluation.features.FeatureNetworks;
import org.gen4j.evaluation.report.EvaluationReport;
import org.gen4j.evaluation.stats.ImageQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.gen4j.core.engine.HostArrays;

/**
 * The applications' measurements: each row trained on its derived Fashion-MNIST data, then
 * scored on the test split. Super-resolution: PSNR and SSIM against bicubic upsampling (and the
 * content-only rows {@code srresnet-*}); pix2pix: L1 and FID of translations against their
 * targets; CycleGAN: the shipped classifier's accuracy on translations (as the target class) and
 * the cycle reconstruction error; every row: training images per second.
 */
@Command(name = "applications", mixinStandardHelpOptions = true, description = "Train the"
        + " applications on their derived data and print PSNR/SSIM (super-resolution, against"
        + " bicubic), L1/FID (pix2pix), domain accuracy and cycle error (cyclegan), images/s.")
final class ApplicationsBench implements Callable<Integer> {

    @Option(names = "--rows", split = ",", defaultValue = "srgan-x4,srresnet-x4,srgan-x2,"
            + "srresnet-x2,pix2pix,cyclegan", description = "Rows: srgan-x2, srgan-x4, srresnet-x2,"
            + " srresnet-x4 (content only), pix2pix, cyclegan, discogan, dualgan.")
    List<String> rows;
    @Option(names = "--epochs", defaultValue = "5") int epochs;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--n", defaultValue = "1000", description = "Test images scored.") int n;
    @Option(names = "--set", description = "Top-level KEY=VALUE for every row's spec.")
    Map<String, String> set = new LinkedHashMap<>();
    @Option(names = "--out", defaultValue = "bench/target/applications") Path out;

    private static final double L1_TO_UNIT = 0.5;

    @Override
    public Integer call() throws Exception {
        Registry registry = Gen4j.registry();
        BenchFiles.deleteTree(out);
        System.out.printf(Locale.ROOT, "applications: %d epochs of the derived data of the"
                + " embedded Fashion-MNIST sample, seed %d, scored on %d test images%n", epochs,
                seed, n);
        for (String row : rows) {
            RunSpec spec = spec(registry, row);
            Path dir = out.resolve(row);
            long t0 = System.nanoTime();
            double images;
            try (TrainingRun r = TrainingRun.start(spec, registry, dir)) {
                images = (double) r.totalSteps() * spec.batchSize();
                r.train(null);
            }
            double ips = images / ((System.nanoTime() - t0) / 1e9);
            Map<String, Object> opts = new HashMap<>(spec.dataOptions());
            opts.put("split", "test");
            SampleSet test = DataSources.open(spec.data(), new Options("test split", opts),
                    spec.seed(), registry::dataset);
            try (TrainedModel model = TrainedModel.load(dir, registry)) {
                System.out.println(score(registry, row, model, test) + String.format(Locale.ROOT,
                        "  %.0f img/s", ips));
            }
        }
        return 0;
    }

    private RunSpec spec(Registry registry, String row) {
        RunSpec.Builder b = RunSpec.builder().optEpochs(epochs).optSeed(seed);
        switch (row) {
            case "srgan-x2", "srgan-x4", "srresnet-x2", "srresnet-x4" -> {
                b.setModel("srgan").optData("fashion-lowres").optDataOptions(Map.of("scale",
                        row.substring(row.length() - 1)));
                if (row.startsWith("srresnet")) {
                    b.opt("adversarial-weight", 0.0);
                }
            }
            case "pix2pix" -> b.setModel("pix2pix").optData("fashion-edges");
            case "cyclegan" -> b.setModel("cyclegan").optData("fashion-domains")
                    .optPreset("cyclegan").optBatchSize(16);
            case "discogan", "dualgan" -> b.setModel("cyclegan").optData("fashion-domains")
                    .optPreset(row).optBatchSize(16);
            case "stargan" -> b.setModel("stargan").optData("fashion-mnist-sample")
                    .optBatchSize(16);
            case "inpainting" -> b.setModel("dcgan").optData("fashion-mnist-sample");
            default -> throw new IllegalArgumentException("unknown row '" + row + "'");
        }
        set.forEach((k, v) -> b.opt(k, BenchFiles.parse(v)));
        return b.build(registry);
    }

    private String score(Registry registry, String row, TrainedModel model, SampleSet test)
            throws Exception {
        int count = Math.min(n, test.size());
        float[] inputs = images(test, null, count);
        if (row.equals("inpainting")) {
            return InpaintingScores.score(registry, model, inputs, Math.min(count, 200), seed);
        }
        ImageTranslation t = model.translation().orElseThrow();
        if (row.equals("stargan")) {
            int[] from = new int[count];
            int[] to = new int[count];
            for (int i = 0; i < count; i++) {
                from[i] = test.label(i);
                to[i] = (from[i] + 1 + i % 9) % 10;
            }
            float[] moved = new float[inputs.length];
            float[] back = new float[inputs.length];
            int per = Math.toIntExact(t.inputShape().size());
            for (int d = 0; d < 10; d++) {
                for (int i = 0; i < count; i++) {
                    if (to[i] == d) {
                        System.arraycopy(translate(model, t, java.util.Arrays.copyOfRange(inputs,
                                i * per, (i + 1) * per), 1, Integer.toString(d)), 0, moved,
                                i * per, per);
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                System.arraycopy(translate(model, t, java.util.Arrays.copyOfRange(moved, i * per,
                        (i + 1) * per), 1, Integer.toString(from[i])), 0, back, i * per, per);
            }
            return String.format(Locale.ROOT, "%-12s accuracy as the target class %.3f (chance"
                    + " 0.100); cycle L1 %.4f", row, accuracy(moved, count, to), l1(back,
                    inputs));
        }
        if (row.startsWith("cyclegan") || row.equals("discogan") || row.equals("dualgan")) {
            float[] b = images(test, BatchField.UNPAIRED, count);
            float[] ab = translate(model, t, inputs, count, "B");
            float[] ba = translate(model, t, b, count, "A");
            float[] aba = translate(model, t, ab, count, "A");
            float[] bab = translate(model, t, ba, count, "B");
            int[] classes = domainClasses(model);
            return String.format(Locale.ROOT, "%-12s accuracy A->B %.3f, B->A %.3f; cycle L1"
                    + " A %.4f, B %.4f", row, accuracy(ab, count, classes[1]),
                    accuracy(ba, count, classes[0]), l1(aba, inputs), l1(bab, b));
        }
        float[] targets = images(test, BatchField.TARGETS, count);
        float[] out = translate(model, t, inputs, count, null);
        Shape shape = t.outputShape();
        if (row.startsWith("sr")) {
            int s = Math.toIntExact(shape.get(1) / t.inputShape().get(1));
            float[] bicubic = Bicubic.upscale(inputs, count, Math.toIntExact(shape.get(0)),
                    Math.toIntExact(t.inputShape().get(1)), Math.toIntExact(t.inputShape()
                            .get(2)), s);
            return String.format(Locale.ROOT, "%-12s PSNR %.3f dB, SSIM %.4f; bicubic PSNR"
                    + " %.3f dB, SSIM %.4f", row, mean(ImageQuality.psnr(set(out, count, shape),
                    set(targets, count, shape), 2)), mean(ImageQuality.ssim(set(out, count,
                    shape), set(targets, count, shape), 2)), mean(ImageQuality.psnr(set(bicubic,
                    count, shape), set(targets, count, shape), 2)), mean(ImageQuality.ssim(
                    set(bicubic, count, shape), set(targets, count, shape), 2)));
        }
        return String.format(Locale.ROOT, "%-12s L1 %.4f (pixels in [0, 1]), FID %.2f", row,
                l1(out, targets), fid(registry, out, targets, count, shape));
    }

    private static float[] images(SampleSet test, BatchField field, int count) {
        Shape shape = field == null ? test.sampleShape() : test.fieldShapes().get(field);
        int per = Math.toIntExact(shape.size());
        float[] x = new float[count * per];
        for (int i = 0; i < count; i++) {
            if (field == null) {
                test.copySample(i, x, i * per);
            } else {
                test.copyField(field, i, 0, x, i * per);
            }
        }
        return x;
    }

    private float[] translate(TrainedModel model, ImageTranslation t, float[] x, int count,
            String to) {
        int per = Math.toIntExact(t.inputShape().size());
        int outPer = Math.toIntExact(t.outputShape().size());
        float[] y = new float[count * outPer];
        RandomStream noise = new RandomStream(seed);
        for (int start = 0; start < count; start += 250) {
            int k = Math.min(250, count - start);
            try (NDManager m = NDManager.newBaseManager()) {
                float[] part = t.translate(model.sampleContext(m), HostArrays.create(m, 
                        java.util.Arrays.copyOfRange(x, start * per, (start + k) * per),
                        new Shape(k).addAll(t.inputShape())), to, noise).toFloatArray();
                System.arraycopy(part, 0, y, start * outPer, k * outPer);
            }
        }
        return y;
    }

    private static int[] domainClasses(TrainedModel model) {
        Map<String, Object> o = model.spec().dataOptions();
        return new int[] {((Number) o.getOrDefault("a", 7)).intValue(),
                ((Number) o.getOrDefault("b", 9)).intValue()};
    }

    private static double accuracy(float[] images, int count, int label) throws Exception {
        int[] labels = new int[count];
        java.util.Arrays.fill(labels, label);
        return accuracy(images, count, labels);
    }

    static double accuracy(float[] images, int count, int[] labels) throws Exception {
        try (var classifier = org.gen4j.evaluation.features.FashionMnistClassifier.load()) {
            double[][] p = classifier.apply(images, count).probabilities();
            int hits = 0;
            for (int i = 0; i < p.length; i++) {
                int best = 0;
                for (int k = 1; k < p[i].length; k++) {
                    best = p[i][k] > p[i][best] ? k : best;
                }
                hits += best == labels[i] ? 1 : 0;
            }
            return hits / (double) count;
        }
    }

    private static double l1(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length * L1_TO_UNIT;
    }

    private static ImageSet set(float[] x, int count, Shape shape) {
        return ImageSet.of("images", x, count, Math.toIntExact(shape.get(0)),
                Math.toIntExact(shape.get(1)), Math.toIntExact(shape.get(2)));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private double fid(Registry registry, float[] out, float[] targets, int count, Shape shape)
            throws Exception {
        try (FeatureNetwork network = FeatureNetworks.open(registry, FeatureNetworks.DEFAULT,
                Map.of())) {
            Map<String, Map<String, Object>> asked = new LinkedHashMap<>();
            asked.put("fid", new HashMap<>());
            EvaluationReport report = Evaluator.evaluateImages(registry, asked,
                    new Evaluator.Images("translations", out, count, shape),
                    new Evaluator.Images("targets", targets, count, shape), network, seed, 250,
                    null);
            for (MetricResult m : report.metrics()) {
                if (m.values().containsKey("fid")) {
                    return m.values().get("fid").doubleValue();
                }
            }
            throw new IllegalStateException("no fid in the report");
        }
    }
}
