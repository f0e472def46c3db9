package org.gen4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gen4j.core.data.DataSources;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.MixtureModes;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FeatureNetwork;
import org.gen4j.evaluation.features.FeatureNetworks;
import org.gen4j.evaluation.report.EvaluationReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j evaluate}: scores a trained run, or images from anywhere, with registered metrics
 * and writes {@code evaluation.json} with the provenance of every number.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a run's generator (--run) or images from any source (--samples)"
                + " against the data's test split, and write evaluation.json.",
            "Images go through the feature network (--features; by default the shipped"
                + " Fashion-MNIST classifier); 2-D mixture runs are scored by mode coverage."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--run", paramLabel = "DIR", description = "A run folder (its newest"
                + " checkpoint) or one checkpoint folder: n samples are generated from it.")
        Path run;

        @Option(names = "--samples", paramLabel = "PATH", description = "Images to score: an IDX3"
                + " file, a folder of IDX files, or a folder of PNG/JPEG images, from gen4j or"
                + " any other implementation.")
        Path samples;
    }

    @Option(names = "--metrics", split = ",", paramLabel = "NAME", description = "Metrics (see"
            + " 'gen4j list metrics'); default fid,kid,precision-recall for images,"
            + " mode-coverage,high-quality-share for 2-D points.")
    List<String> metrics;

    @Option(names = {"-n", "--n"}, defaultValue = "10000", description = "Generated images to"
            + " score (with --samples: the most read), and the most reference images used.")
    int n;

    @Option(names = "--reference", paramLabel = "DATA", description = "Real images to compare"
            + " with: a data-set name (fashion-mnist, fashion-mnist-sample: their test splits) or a"
            + " path as for --samples. Default: the run's data, test split; with --samples,"
            + " fashion-mnist.")
    String reference;

    @Option(names = {"--features", "--feature-network"}, paramLabel = "NAME|FILE",
            defaultValue = FeatureNetworks.DEFAULT, description = "The feature network: a name"
            + " (see 'gen4j list feature-networks'; default ${DEFAULT-VALUE}) or a file: .onnx"
            + " (ONNX Runtime), .pt (TorchScript, PyTorch engine), .params (made by gen4j"
            + " train-classifier). A file network reads its input contract from FILE.json or"
            + " --feature-option (see evaluation/README.md).")
    String features;

    @Option(names = "--feature-option", paramLabel = "KEY=VALUE", description = "An option of the"
            + " feature network, e.g. size=299, range=-1,1, resize=bilinear, logits-output=1.")
    List<String> featureOptions = new ArrayList<>();

    @Option(names = "--metric-option", paramLabel = "METRIC.KEY=VALUE", description = "An option"
            + " of one metric, e.g. kid.subsets=50 or precision-recall.k=5.")
    List<String> metricOptions = new ArrayList<>();

    @Option(names = "--estimator", split = ",", paramLabel = "NAME", description = "For nll and"
            + " bits-per-dim: the likelihood estimates to score (a VAE: elbo, iwae); default"
            + " every one the model offers.")
    List<String> estimators;

    @Option(names = "--importance-samples", defaultValue = "1000", paramLabel = "K",
            description = "Codes per image of the importance-weighted estimate (iwae).")
    int importanceSamples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the generated samples'"
            + " latent noise and of metrics that draw (KID subsets).")
    long seed;

    @Option(names = "--batch", defaultValue = "500", description = "Images per forward pass.")
    int batch;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report;"
            + " default RUN/evaluation.json, or evaluation.json beside --samples.")
    Path out;

    @Option(names = "--progress", negatable = true, defaultValue = "true",
            fallbackValue = "true", description = "Show a progress bar (default on).")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 10_000_000) {
            throw new IllegalArgumentException("--n must be in [1, 10000000], got " + n);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (out != null) {
            OutputPaths.checkFile("--out", out, ".json");
        }
        engine.apply();
        Registry registry = Gen4j.registry();
        EvaluationReport report;
        Path target;
        if (source.run != null) {
            try (TrainedModel g = TrainedModel.load(source.run, registry)) {
                RunSpec spec = g.spec();
                if (metrics != null && !metrics.isEmpty() && metrics.stream().anyMatch(
                        m -> LikelihoodScoring.isLikelihoodMetric(registry, m.trim()))) {
                    if (!metrics.stream().allMatch(
                            m -> LikelihoodScoring.isLikelihoodMetric(registry, m.trim()))) {
                        throw new IllegalArgumentException("--metrics " + metrics + ": score"
                                + " the likelihood metrics (nll, bits-per-dim) in a call of"
                                + " their own");
                    }
                    if (importanceSamples < 1) {
                        throw new IllegalArgumentException("--importance-samples must be >= 1,"
                                + " got " + importanceSamples);
                    }
                    report = LikelihoodScoring.score(registry, g, metricMap(List.of()),
                            estimators, importanceSamples, n, seed, null).build();
                    target = out != null ? out
                            : runFolder(source.run).resolve(EvaluationReport.FILE_NAME);
                    report.write(target);
                    print(report, target);
                    return 0;
                }
                int[] labels = null;
                if (g.numClasses() > 0) {
                    labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = i % g.numClasses();
                    }
                }
                float[] x = g.sample(n, new RandomStream(seed), labels, batch);
                if (g.sampleShape().dimension() == 1) {
                    report = points(registry, spec, x, Math.toIntExact(g.sampleShape().get(0)));
                } else {
                    Evaluator.Images generated = new Evaluator.Images("generated by "
                            + g.checkpoint(), x, n, g.sampleShape(), labels);
                    report = images(registry, generated, referenceOf(spec, registry));
                }
            }
            target = out != null ? out : runFolder(source.run).resolve(EvaluationReport.FILE_NAME);
        } else {
            Evaluator.Images generated = Evaluator.Images.read(source.samples, n);
            String ref = reference != null ? reference : FashionMnist.FULL_NAME;
            report = images(registry, generated, readReference(ref, registry, null));
            Path parent = source.samples.toAbsolutePath().getParent();
            target = out != null ? out : (Files.isDirectory(source.samples) ? source.samples
                    : parent).resolve(EvaluationReport.FILE_NAME);
        }
        report.write(target);
        print(report, target);
        return 0;
    }

    private static void print(EvaluationReport report, Path target) {
        for (MetricResult r : report.metrics()) {
            Object model = r.details().get("model");
            String name = model == null ? r.metric() : r.metric() + " (" + model + ")";
            StringBuilder line = new StringBuilder(String.format("%-20s", name));
            r.values().forEach((k, v) -> line.append(String.format(" %s=%.6g", k, v)));
            System.out.println(line);
        }
        System.err.println("report: " + target.toAbsolutePath());
    }

    private static Path runFolder(Path runOrCheckpoint) {
        Path p = runOrCheckpoint.toAbsolutePath().normalize();
        if (Files.isRegularFile(p.resolve("spec.json"))) {
            return p;
        }
        Path up = p.getParent() == null ? null : p.getParent().getParent();
        return up != null && Files.isRegularFile(up.resolve("spec.json")) ? up : p;
    }

    private Map<String, Map<String, Object>> metricMap(List<String> defaults) {
        List<String> names = metrics == null || metrics.isEmpty() ? defaults : metrics;
        Map<String, Map<String, Object>> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(name.trim(), new HashMap<>());
        }
        for (String kv : metricOptions) {
            int dot = kv.indexOf('.');
            int eq = kv.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new IllegalArgumentException("--metric-option takes METRIC.KEY=VALUE, got '"
                        + kv + "'");
            }
            String metric = kv.substring(0, dot);
            Map<String, Object> opts = map.get(metric);
            if (opts == null) {
                throw new IllegalArgumentException("--metric-option " + kv + ": metric '" + metric
                        + "' is not among --metrics " + map.keySet());
            }
            opts.put(kv.substring(dot + 1, eq), parse(kv.substring(eq + 1)));
        }
        return map;
    }

    private static Object parse(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e2) {
                return v.equals("true") || v.equals("false") ? Boolean.parseBoolean(v) : v;
            }
        }
    }

    private EvaluationReport points(Registry registry, RunSpec spec, float[] x, int dim) {
        SampleSet data = DataSources.open(spec.data(),
                new Options("data '" + spec.data() + "'", spec.dataOptions()), spec.seed(),
                registry::dataset);
        if (!(data instanceof GaussianMixture mixture)) {
            throw new IllegalArgumentException("the run's data " + spec.data() + " is not a"
                    + " Gaussian mixture; 2-D point runs are scored against their mixture");
        }
        return Evaluator.evaluatePoints(registry,
                metricMap(List.of("mode-coverage", "high-quality-share")), x, dim,
                MixtureModes.of(mixture), seed);
    }

    private EvaluationReport images(Registry registry, Evaluator.Images generated,
            Evaluator.Images ref) throws Exception {
        try (FeatureNetwork network = FeatureNetworks.open(registry, features,
                KeyValues.parse("--feature-option", featureOptions))) {
            int total = generated.count() + (ref == null ? 0 : ref.count());
            ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("features")
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
            IntConsumer tick = bar == null ? null : bar::stepTo;
            try {
                return Evaluator.evaluateImages(registry,
                        metricMap(List.of("fid", "kid", "precision-recall")), generated, ref,
                        network, seed, batch, tick);
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        }
    }

    private Evaluator.Images referenceOf(RunSpec spec, Registry registry) {
        if (reference != null) {
            return readReference(reference, registry, null);
        }
        return readReference(spec.data(), registry, spec);
    }

    private Evaluator.Images readReference(String data, Registry registry, RunSpec spec) {
        Path path = Path.of(data);
        boolean looksLikePath = data.contains("/") || Files.exists(path);
        if (looksLikePath && !(spec != null && Files.isDirectory(path)
                && IdxDataset.isIdxFolder(path))) {
            return Evaluator.Images.read(path, n);
        }
        Map<String, Object> opts = new HashMap<>(spec == null ? Map.of() : spec.dataOptions());
        opts.put("split", IdxDataset.TEST);
        SampleSet set = DataSources.open(data, new Options("reference '" + data + "'", opts),
                spec == null ? 0 : spec.seed(), registry::dataset);
        return Evaluator.Images.of(set, n, data + " (test split)");
    }
}
