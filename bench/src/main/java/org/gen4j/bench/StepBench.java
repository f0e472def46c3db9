package org.gen4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.Batches;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.Trainer;

/**
 * Times the train step of any run spec as the PyTorch references time theirs: one fixed batch,
 * warm-up steps, then {@code reps} repetitions of {@code steps} steps. Prints each repetition and
 * a {@code RESULT} line with the median images/s (one batch over the step's time, as the
 * references count it, also for a step that reads several batches), the median milliseconds per
 * step, the process's peak resident memory, and the seconds from the
 * JVM's start to the end of the first step (class loading, the engine's native libraries, the
 * networks' initialisation and the first step's one-off work). With {@code -D}{@value
 * TorchProfile#PROPERTY}{@code =FILE} on the PyTorch engine, the timed repetitions (not the
 * warm-up) run under libtorch's operator profiler ({@link TorchProfile}).
 */
final class StepBench {

    private StepBench() {}

    /**
     * Times {@code spec}'s step on {@code batch}, a batch of {@code data}'s samples repeated for
     * ever, and prints the {@code RESULT} line as {@code impl=<impl>} followed by {@code extra}.
     */
    static void time(String impl, String extra, RunSpec spec, Registry registry,
            DataInfo data, float[] batch, int warmup, int steps, int reps) {
        Shape sample = data.sampleShape();
        int n = Math.toIntExact(batch.length / sample.size());
        Shape shape = new Shape(n).addAll(sample);
        int[] indices = new int[n];
        int[] labels = data.numClasses() > 0 ? new int[n] : null;
        Batches fixed = () -> new BatchLoader.Batch(0, 0, batch, labels, indices, shape);
        List<Double> ms = new ArrayList<>();
        double firstStep;
        int perStep;
        try (NDManager m = NDManager.newBaseManager();
                Trainer t = ProcedureTrainer.create(spec, registry, data, spec.steps(), m)) {
            perStep = t.procedure().batchesPerStep();
            t.step(fixed);
            firstStep = (System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
            for (int i = 1; i < warmup; i++) {
                t.step(fixed);
            }
            try (TorchProfile profile = TorchProfile.startIfAsked()) {
                for (int rep = 0; rep < reps; rep++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        t.step(fixed);
                    }
                    double perRep = (System.nanoTime() - start) / 1e6 / steps;
                    ms.add(perRep);
                    System.out.printf(Locale.ROOT, "rep %d: %.1f ms/step, %.1f images/s%n", rep,
                            perRep, n * 1000 / perRep);
                }
            }
        }
        Collections.sort(ms);
        double median = ms.get(ms.size() / 2);
        double rate = n * 1000 / median;
        String engine = Engine.getInstance().getEngineName();
        System.out.printf(Locale.ROOT, "RESULT impl=%s engine=%s%s batch=%d batches_per_step=%d"
                        + " images_per_s=%.1f ms_per_step=%.2f first_step_s=%.2f"
                        + " peak_rss_mb=%d%n", impl, engine, extra.isEmpty() ? "" : " " + extra,
                n, perStep, rate, median, firstStep, DcganBench.Memory.peakRssMb());
    }

    /** {@code size} uniform values in [-1, 1) from seed 1, as the references' random batch. */
    static float[] uniform(int size) {
        float[] x = new float[size];
        RandomStream r = new RandomStream(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    /** {@code size} values of -1 or +1, each with probability 1/2, from seed 1. */
    static float[] binary(int size) {
        float[] x = uniform(size);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] < 0 ? -1f : 1f;
        }
        return x;
    }

    /** The engine's implementation name, {@code gen4j-mxnet}, with a suffix if given. */
    static String impl(String suffix) {
        String engine = Engine.getInstance().getEngineName().toLowerCase(Locale.ROOT);
        return "gen4j-" + engine + (suffix.isEmpty() ? "" : "-" + suffix);
    }
}
