package org.gen4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.engine.NativeAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * gen4j's benchmarks. Run them from the repository root after {@code ./mvnw -pl bench -am package
 * -DskipTests}: {@code bench/run compare} (see bench/README.md).
 */
@Command(name = "gen4j-bench", mixinStandardHelpOptions = true,
        subcommands = {BenchMain.Step.class, BenchMain.WganGpStep.class, BenchMain.Compare.class,
            BenchMain.MemoryBench.class, ModesBench.class, VaeBench.class, VaeBench.Side.class, PixelCnnBench.class,
            PixelCnnBench.Side.class, SamplingBench.class, FeaturesBench.class, GanFamilyBench.class,
            ApplicationsBench.class, LikelihoodStep.class, AllBench.class,
            CopyRaceBench.class},
        description = "Throughput and memory benchmarks. Never run two at once: on 2 cores a second"
                + " busy process cuts every figure by 80-90%%.")
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Entry point. The native allocator is tuned as the {@code gen4j} command line tunes it
     * ({@code EngineSetup}, {@link NativeAllocator}) unless {@code
     * -Dgen4j.bench.defaultMalloc=true} asks for glibc's defaults, to measure what that buys.
     */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        if (!Boolean.getBoolean("gen4j.bench.defaultMalloc")) {
            NativeAllocator.retainFreedMemory();
        }
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    /** Times the DCGAN step on the engine of this JVM. */
    @Command(name = "dcgan-step", description = "Time the reference DCGAN train step (one D and"
            + " one G update) on this JVM's engine (-Dai.djl.default_engine=MXNet|PyTorch).")
    static final class Step implements Callable<Integer> {
        @Option(names = "--batch", defaultValue = "64") int batch;
        @Option(names = "--warmup", defaultValue = "10") int warmup;
        @Option(names = "--steps", defaultValue = "50") int steps;
        @Option(names = "--reps", defaultValue = "3") int reps;
        @Option(names = "--data", defaultValue = "uniform", description = "uniform (one batch of"
                + " uniform [-1, 1) noise, as the reference script) or fashion (a batch of the"
                + " embedded Fashion-MNIST sample).")
        String data;
        @Option(names = "--reuse-fakes", defaultValue = "true", arity = "1", description = "true"
                + " (one generator pass per step, as the reference) or false (the generator"
                + " runs again for its update, on new noise).")
        boolean reuseFakes;

        @Override
        public Integer call() {
            if (!data.equals("uniform") && !data.equals("fashion")) {
                throw new IllegalArgumentException("--data must be uniform or fashion, got " + data);
            }
            DcganBench.timeSteps(batch, warmup, steps, reps, data.equals("fashion"), reuseFakes);
            return 0;
        }
    }

    /** Times the WGAN-GP iteration on the engine of this JVM and one penalty route. */
    @Command(name = "wgan-gp-step", description = "Time one WGAN-GP iteration (5 critic updates"
            + " with the gradient penalty, 1 generator update, DCGAN-size networks, critic with"
            + " layer norm) on this JVM's engine and the given input-gradient route.")
    static final class WganGpStep implements Callable<Integer> {
        @Option(names = "--batch", defaultValue = "64") int batch;
        @Option(names = "--warmup", defaultValue = "5") int warmup;
        @Option(names = "--steps", defaultValue = "10", description = "Iterations per rep.")
        int steps;
        @Option(names = "--reps", defaultValue = "3") int reps;
        @Option(names = "--route", defaultValue = "auto", description = "auto, vjp or"
                + " create-graph (PyTorch only).")
        String route;

        @Override
        public Integer call() {
            DcganBench.timeWganGp(batch, warmup, steps, reps, route);
            return 0;
        }
    }

    /** Runs each engine and the PyTorch reference side by side, interleaved, and prints ratios. */
    @Command(name = "compare", description = "DCGAN step on every engine and the PyTorch-eager"
            + " reference (bench/reference/dcgan.py), interleaved in one invocation; prints the"
            + " medians and the ratios to the reference.")
    static final class Compare implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "3", description = "Interleaved rounds.")
        int rounds;
        @Option(names = "--warmup", defaultValue = "30", description = "Untimed steps before"
                + " timing, for every implementation (the JIT and the engines' memory pools"
                + " are still warming up after 10).")
        int warmup;
        @Option(names = "--engines", defaultValue = "MXNet,PyTorch", split = ",")
        List<String> engines;
        @Option(names = "--threads", defaultValue = "2") int threads;
        @Option(names = "--batch", defaultValue = "64") int batch;
        @Option(names = "--steps", defaultValue = "50") int steps;
        @Option(names = "--reps", defaultValue = "3") int reps;
        @Option(names = "--reference", defaultValue = "bench/reference/dcgan.py",
                description = "The reference script; skipped if missing or if python3 lacks torch.")
        Path reference;
        @Option(names = "--python", defaultValue = "/usr/bin/python3") String python;
        @Option(names = "--workload", defaultValue = "dcgan", description = "dcgan (one D and one"
                + " G update, against --reference) or wgan-gp (5 critic updates with the gradient"
                + " penalty and 1 G update, on every engine and route, against"
                + " bench/reference/wgan_gp.py). For wgan-gp, --steps counts iterations and"
                + " defaults should be lowered: --warmup 5 --steps 10.")
        String workload;

        @Override
        public Integer call() throws Exception {
            Map<String, List<String>> commands = new LinkedHashMap<>();
            if (!workload.equals("dcgan") && !workload.equals("wgan-gp")) {
                throw new IllegalArgumentException("--workload must be dcgan or wgan-gp, got "
                        + workload);
            }
            boolean gp = workload.equals("wgan-gp");
            if (gp && reference.toString().equals("bench/reference/dcgan.py")) {
                reference = Path.of("bench/reference/wgan_gp.py");
            }
            for (String e : engines) {
                List<String> routes = !gp ? List.of("")
                        : e.equalsIgnoreCase("PyTorch") ? List.of("vjp", "create-graph")
                        : List.of("vjp");
                for (String route : routes) {
                    List<String> cmd = ChildProcess.bench(e, threads, "1g",
                            gp ? "wgan-gp-step" : "dcgan-step", "--batch", "" + batch,
                            "--warmup", "" + warmup, "--steps", "" + steps, "--reps", "" + reps);
                    if (gp) {
                        cmd.addAll(List.of("--route", route));
                    }
                    commands.put("gen4j-" + e.toLowerCase(Locale.ROOT)
                            + (gp ? "-" + route : ""), cmd);
                }
            }
            boolean haveReference = Files.isRegularFile(reference) && ChildProcess.hasTorch(python);
            if (haveReference) {
                commands.put("pytorch-eager", List.of(python, reference.toString(), "bench",
                        "--batch", "" + batch, "--warmup", "" + warmup, "--steps", "" + steps,
                        "--reps", "" + reps, "--threads", "" + threads));
            } else {
                System.out.println("reference skipped: " + reference + " missing or " + python
                        + " has no torch (apt-get install python3-torch libopenblas0-openmp)");
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (var entry : commands.entrySet()) {
                    System.out.printf("round %d: %s%n", round, entry.getKey());
                    Map<String, String> r = ChildProcess.run(entry.getValue(), threads);
                    rates.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                            .add(Double.parseDouble(r.get("images_per_s")));
                    notes.put(entry.getKey(), "peak RSS " + r.getOrDefault("peak_rss_mb", "?")
                            + " MB" + (r.containsKey("blas") ? ", blas " + r.get("blas") : "")
                            + (r.containsKey("torch") ? ", torch " + r.get("torch") : ""));
                }
            }
            double ref = haveReference ? median(rates.get("pytorch-eager")) : Double.NaN;
            System.out.printf("%n%s, batch %d, 28x28, %d threads, %d rounds x %d"
                    + " reps of %d steps after %d warm-up steps%n", gp ? "WGAN-GP iteration (5"
                    + " critic updates with penalty + 1 G update); images/s = batch per"
                    + " iteration" : "DCGAN train step", batch, threads, rounds, reps, steps,
                    warmup);
            System.out.printf("%-18s %12s %10s  %s%n", "implementation", "images/s", "ratio",
                    "notes");
            for (var e : rates.entrySet()) {
                double m = median(e.getValue());
                System.out.printf("%-18s %12.1f %10s  %s; per round %s%n", e.getKey(), m,
                        Double.isNaN(ref) ? "-" : String.format("%.2fx", m / ref),
                        notes.get(e.getKey()), e.getValue());
            }
            return 0;
        }
    }

    /** Trains 2,000 steps and checks that the array count and RSS stay flat after warm-up. */
    @Command(name = "memory", description = "Train DCGAN on the embedded Fashion-MNIST sample and"
            + " report the array count and resident memory every N steps; RSS must stay within"
            + " --tolerance of its value after warm-up. Run with -Xmx256m so that the JVM heap's"
            + " lazy growth does not pass for a leak.")
    static final class MemoryBench implements Callable<Integer> {
        @Option(names = "--steps", defaultValue = "2000") int steps;
        @Option(names = "--warmup", defaultValue = "200") int warmup;
        @Option(names = "--every", defaultValue = "100") int every;
        @Option(names = "--batch", defaultValue = "64") int batch;
        @Option(names = "--tolerance", defaultValue = "0.10") double tolerance;

        @Override
        public Integer call() {
            List<long[]> rows = DcganBench.memory(FashionMnist.sample("train"), batch, steps, every);
            long[] base = rows.stream().filter(r -> r[0] >= warmup).findFirst().orElseThrow();
            long maxRss = 0;
            long minRss = Long.MAX_VALUE;
            boolean arraysFlat = true;
            for (long[] r : rows) {
                if (r[0] >= warmup) {
                    maxRss = Math.max(maxRss, r[3]);
                    minRss = Math.min(minRss, r[3]);
                    arraysFlat &= r[1] == base[1] && r[2] == base[2];
                }
            }
            double spread = (double) (maxRss - base[3]) / base[3];
            boolean ok = arraysFlat && spread <= tolerance;
            System.out.printf("RESULT memory steps=%d warmup=%d rss_at_warmup_mb=%d rss_min_mb=%d"
                            + " rss_max_mb=%d growth=%.1f%% arrays_constant=%s verdict=%s%n",
                    steps, warmup, base[3], minRss, maxRss, 100 * spread, arraysFlat,
                    ok ? "PASS" : "FAIL");
            return ok ? 0 : 1;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
