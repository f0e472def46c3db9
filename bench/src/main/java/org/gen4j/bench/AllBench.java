package org.gen4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.spi.Gen4jBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every step workload on every engine and route against its PyTorch-eager reference in
 * {@code bench/reference/}, each in a child process of its own, interleaved over rounds, printed
 * as one table: images/s, the ratio to the reference, the peak resident memory and its ratio, and
 * the seconds from the process's start to the end of its first step.
 */
@Command(name = "all", description = "Every workload (DCGAN step with one and two generator"
        + " passes, WGAN-GP iteration on every route, VAE step, PixelCNN step) on every engine"
        + " against its PyTorch-eager reference in one table: images/s, ratio, peak RSS, time"
        + " to the first step.")
final class AllBench implements Callable<Integer> {

    private static final List<String> WORKLOADS = List.of("dcgan", "wgan-gp", "vae",
            "pixelcnn");

    @Option(names = "--workloads", split = ",", defaultValue = "dcgan,wgan-gp,vae,pixelcnn",
            description = "Of " + "dcgan, wgan-gp, vae, pixelcnn.")
    List<String> workloads;
    @Option(names = "--engines", split = ",", defaultValue = "MXNet,PyTorch") List<String> engines;
    @Option(names = "--rounds", defaultValue = "2", description = "Interleaved rounds: the"
            + " ratios pair each round with the reference's of the same round.")
    int rounds;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--heap", defaultValue = "512m", description = "The gen4j JVMs' -Xmx.")
    String heap;
    @Option(names = "--python", defaultValue = "/usr/bin/python3") String python;
    @Option(names = "--reference-dir", defaultValue = "bench/reference") Path referenceDir;

    /** One implementation of one workload: its child command. */
    private record Row(String workload, String impl, List<String> command) {}

    /** The timing arguments of a workload: warm-up, steps per repetition, repetitions. */
    private static List<String> timing(String workload) {
        return switch (workload) {
            case "dcgan" -> List.of("--warmup", "30", "--steps", "50", "--reps", "3");
            case "wgan-gp" -> List.of("--warmup", "5", "--steps", "10", "--reps", "3");
            case "vae" -> List.of("--warmup", "50", "--steps", "200", "--reps", "3");
            default -> List.of("--warmup", "10", "--steps", "30", "--reps", "3");
        };
    }

    private List<Row> rows(String workload, boolean reference) {
        List<Row> rows = new ArrayList<>();
        List<String> t = timing(workload);
        for (String e : engines) {
            String name = SideBySide.name(e);
            switch (workload) {
                case "dcgan" -> {
                    rows.add(new Row(workload, name, gen4j(e, "dcgan-step", t,
                            "--reuse-fakes", "true")));
                    rows.add(new Row(workload, name + "-two-pass", gen4j(e, "dcgan-step", t,
                            "--reuse-fakes", "false")));
                }
                case "wgan-gp" -> {
                    List<String> routes = e.equalsIgnoreCase("PyTorch")
                            ? List.of("vjp", "create-graph") : List.of("vjp");
                    for (String route : routes) {
                        rows.add(new Row(workload, name + "-" + route, gen4j(e, "wgan-gp-step",
                                t, "--route", route)));
                    }
                }
                default -> rows.add(new Row(workload, name, gen4j(e, "likelihood-step", t,
                        "--model", workload)));
            }
        }
        if (reference) {
            String script = workload.replace('-', '_') + ".py";
            List<String> cmd = new ArrayList<>(List.of(python,
                    referenceDir.resolve(script).toString()));
            cmd.add(workload.equals("dcgan") || workload.equals("wgan-gp") ? "bench" : "--bench");
            cmd.addAll(t);
            cmd.addAll(List.of("--threads", Integer.toString(threads)));
            rows.add(new Row(workload, SideBySide.REFERENCE, cmd));
        }
        return rows;
    }

    private List<String> gen4j(String engine, String command, List<String> timing,
            String... more) {
        List<String> cmd = ChildProcess.bench(engine, threads, heap, command);
        cmd.addAll(timing);
        cmd.addAll(List.of(more));
        return cmd;
    }

    @Override
    public Integer call() throws Exception {
        for (String w : workloads) {
            if (!WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("--workloads takes " + WORKLOADS + ", got "
                        + w);
            }
        }
        boolean torch = ChildProcess.hasTorch(python);
        if (!torch) {
            System.out.println("references skipped: " + python + " has no torch (apt-get"
                    + " install python3-torch libopenblas0-openmp)");
        }
        List<Row> all = new ArrayList<>();
        for (String w : workloads) {
            all.addAll(rows(w, torch && Files.isDirectory(referenceDir)));
        }
        Map<Row, List<Map<String, String>>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Row row : all) {
                System.out.printf("round %d: %s %s%n", round, row.workload(), row.impl());
                results.computeIfAbsent(row, r -> new ArrayList<>())
                        .add(ChildProcess.run(row.command(), threads));
            }
        }
        print(results);
        return 0;
    }

    private void print(Map<Row, List<Map<String, String>>> results) {
        System.out.printf(Locale.ROOT, "%nAll workloads, %d threads, %d rounds: images/s is the"
                + " mean over the rounds, its ratio the geometric mean of each round's ratio to"
                + " the reference of that round, peak MB the highest over the rounds (a WGAN-GP"
                + " step is one iteration of 5 critic updates and 1 generator update, images/s"
                + " its batch); gen4j %s%n", threads, rounds, Gen4jBuild.current().describe());
        System.out.printf(Locale.ROOT, "| %-8s | %-26s | %9s | %6s | %8s | %6s | %10s |%n",
                "workload", "implementation", "images/s", "ratio", "peak MB", "ratio",
                "1st step s");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (String w : workloads) {
            List<Map<String, String>> ref = null;
            for (var e : results.entrySet()) {
                if (e.getKey().workload().equals(w)
                        && e.getKey().impl().equals(SideBySide.REFERENCE)) {
                    ref = e.getValue();
                }
            }
            for (var e : results.entrySet()) {
                if (!e.getKey().workload().equals(w)) {
                    continue;
                }
                List<Map<String, String>> r = e.getValue();
                double[] rate = values(r, "images_per_s");
                double[] peak = values(r, "peak_rss_mb");
                double[] first = values(r, "first_step_s");
                String rateRatio = "-";
                String peakRatio = "-";
                if (ref != null) {
                    double[] refRate = values(ref, "images_per_s");
                    double logSum = 0;
                    for (int i = 0; i < rate.length; i++) {
                        logSum += Math.log(rate[i] / refRate[i]);
                    }
                    rateRatio = String.format(Locale.ROOT, "%.2fx",
                            Math.exp(logSum / rate.length));
                    peakRatio = String.format(Locale.ROOT, "%.2fx",
                            max(peak) / max(values(ref, "peak_rss_mb")));
                }
                System.out.printf(Locale.ROOT, "| %-8s | %-26s | %9.1f | %6s | %8.0f | %6s |"
                                + " %10.1f |%n", w, e.getKey().impl(), mean(rate), rateRatio,
                        max(peak), peakRatio, mean(first));
            }
        }
    }

    /** One value of each round's result. */
    private static double[] values(List<Map<String, String>> rounds, String key) {
        double[] v = new double[rounds.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(rounds.get(i).getOrDefault(key, "NaN"));
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
