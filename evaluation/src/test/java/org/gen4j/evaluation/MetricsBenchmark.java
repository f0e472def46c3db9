package org.gen4j.evaluation;

import java.util.Locale;
import java.util.Map;
import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.metrics.DensityCoverageMetric;
import org.gen4j.evaluation.metrics.FidMetric;
import org.gen4j.evaluation.metrics.KidMetric;
import org.gen4j.evaluation.metrics.PrecisionRecallMetric;
import org.gen4j.evaluation.stats.TestData;

/**
 * Times FID, KID, precision/recall and density/coverage on two sets of 10,000 x 128 features
 * (arguments: n, d, repeats), in wall and process CPU time. A measurement to read, not a test: run
 * it with the test class path, for example
 * {@code java -cp ... org.gen4j.evaluation.MetricsBenchmark 10000 128 2}.
 */
public final class MetricsBenchmark {

    private MetricsBenchmark() {}

    /** CPU time of the whole process: on a busy machine it says more than the wall time. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Runs the benchmark and prints one line per metric and repeat. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        PointSet generated = TestData.normal("generated features", n, d, 0.05, 1);
        PointSet reference = TestData.normal("reference features", n, d, 0.0, 2);
        MetricInputs inputs = MetricInputs.builder().optGeneratedFeatures(generated)
                .optReferenceFeatures(reference).optSeed(42).build();
        System.out.printf(Locale.ROOT, "%d x %d features per set, %d processors%n", n, d,
                Runtime.getRuntime().availableProcessors());
        Map<String, Metric> metrics = Map.of(
                "fid", new FidMetric(Options.empty("fid")),
                "kid", new KidMetric(Options.empty("kid")),
                "precision-recall", new PrecisionRecallMetric(Options.empty("pr")),
                "density-coverage", new DensityCoverageMetric(Options.empty("dc")));
        for (String name : new String[] {"fid", "kid", "precision-recall", "density-coverage"}) {
            for (int r = 0; r < repeats; r++) {
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                MetricResult result = metrics.get(name).compute(inputs);
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (cpuNanos() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "%-18s %7.2f s wall %7.2f s cpu  %s%n", name, s, cpu,
                        result.values());
            }
        }
    }
}
