package org.gen4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FeatureNetwork;
import org.gen4j.evaluation.features.FeatureNetworks;
import org.gen4j.evaluation.report.EvaluationReport;
import org.gen4j.evaluation.stats.GaussianBlur;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run features}: each feature network's extraction speed on Fashion-MNIST test
 * images (grey 28 x 28, repeated and resized as the network's contract says), and its FID
 * between the test split and blurred training images, for growing blur.
 */
@Command(name = "features", mixinStandardHelpOptions = true, description = "Feature-extraction"
        + " images/s and FID against Gaussian blur for each feature network (a name or a .onnx,"
        + " .pt or .params file).")
final class FeaturesBench implements Callable<Integer> {

    @Option(names = "--network", split = ",", defaultValue = FeatureNetworks.DEFAULT,
            description = "Networks: names or files (default ${DEFAULT-VALUE}).")
    List<String> networks;

    @Option(names = "--n", defaultValue = "2000", description = "Images per set.") int n;

    @Option(names = "--speed-n", defaultValue = "2000", description = "Images timed per"
            + " network (after a warm-up of 100).") int speedN;

    @Option(names = "--sigmas", split = ",", defaultValue = "0,0.5,1,1.5,2,3",
            description = "Blur standard deviations in pixels.")
    List<Double> sigmas;

    @Option(names = "--batch", defaultValue = "100", description = "Images per call.") int batch;

    @Option(names = "--no-fid", description = "Time the extraction only (for networks of"
            + " Inception's size, whose FID on 2 x 2,000 images takes long on a CPU).")
    boolean noFid;

    @Override
    public Integer call() {
        Registry registry = Gen4j.registry();
        IdxDataset test = IdxDataset.fromFolder(java.nio.file.Path.of(FashionMnist.DEFAULT_PATH),
                IdxDataset.TEST);
        IdxDataset train = IdxDataset.fromFolder(java.nio.file.Path.of(
                FashionMnist.DEFAULT_PATH), IdxDataset.TRAIN);
        Evaluator.Images reference = Evaluator.Images.of(test, n, "fashion-mnist test");
        Evaluator.Images real = Evaluator.Images.of(train, Math.max(n, speedN),
                "fashion-mnist train");
        Shape shape = new Shape(1, 28, 28);
        System.out.printf("training engine %s; %d reference and %d blurred images;"
                + " OMP_NUM_THREADS=%s%n", Engine.getInstance().getEngineName(), n, n,
                System.getenv("OMP_NUM_THREADS"));
        List<String> rows = new ArrayList<>();
        for (String name : networks) {
            try (FeatureNetwork net = FeatureNetworks.open(registry, name.trim(), Map.of())) {
                Object engine = net.details().getOrDefault("engine",
                        Engine.getInstance().getEngineName());
                Evaluator.extract(net, real.first(100), batch, null);
                Evaluator.Images timed = real.first(speedN);
                long t0 = System.nanoTime();
                Evaluator.extract(net, timed, batch, null);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double speed = speedN / seconds;
                StringBuilder fids = new StringBuilder();
                Evaluator.Images generated = real.first(n);
                for (double sigma : noFid ? List.<Double>of() : sigmas) {
                    Evaluator.Images blurred = new Evaluator.Images("blur " + sigma,
                            GaussianBlur.apply(generated.pixels(), 28, 28, sigma), n, shape);
                    EvaluationReport r = Evaluator.evaluateImages(registry,
                            Map.of("fid", Map.of()), blurred, reference, net, 0, batch, null);
                    fids.append(String.format(" | %.4g", r.metrics().get(0).value("fid")));
                }
                String row = String.format("| %s | %s | %s | %d | %,.0f%s |", net.id(), engine,
                        net.inputShape(), net.featureSize(), speed, fids);
                rows.add(row);
                System.out.println(row);
            }
        }
        StringBuilder head = new StringBuilder("| network | engine | input | features |"
                + " images/s");
        StringBuilder rule = new StringBuilder("| --- | --- | --- | --- | ---");
        for (double sigma : noFid ? List.<Double>of() : sigmas) {
            head.append(" | FID, blur ").append(sigma);
            rule.append(" | ---");
        }
        System.out.println();
        System.out.println(head + " |");
        System.out.println(rule + " |");
        rows.forEach(System.out::println);
        return 0;
    }
}
