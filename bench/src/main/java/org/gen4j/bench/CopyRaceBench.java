package org.gen4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.gen4j.core.engine.HostArrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Copies a batch-sized Java array into the engine over and over while another thread runs the
 * garbage collector, and counts the copies that arrive with other values: DJL's own {@code
 * NDManager.create(float[], Shape)} against {@link HostArrays#create}. On MXNet (DJL 0.36.0) the
 * first counts copies whose staging buffer was freed while MXNet read it.
 */
@Command(name = "copy-race", mixinStandardHelpOptions = true,
        description = "Count Java-to-engine copies that arrive corrupted while the garbage"
                + " collector runs: DJL's create(float[]) against gen4j's HostArrays.create.")
final class CopyRaceBench implements Callable<Integer> {

    @Option(names = "--seconds", description = "Seconds per route (default ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Override
    public Integer call() {
        float[] x = new float[64 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 255) / 255f;
        }
        Shape shape = new Shape(64, 784);
        String engine = Engine.getInstance().getEngineName(); // loaded before the collections
        Thread collector = new Thread(() -> {
            long sink = 0;
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                sink += new byte[1 << 20].length;
            }
            if (sink == 42) {
                System.out.println(); // keeps the allocations from being optimised away
            }
        }, "copy-race-gc");
        collector.setDaemon(true);
        collector.start();
        try {
            System.out.printf("engine %s, a %s float array, System.gc() in a loop on"
                    + " another thread%n", engine, shape);
            run("DJL NDManager.create", (m, d) -> m.create(d, shape), x);
            run("gen4j HostArrays.create", (m, d) -> HostArrays.create(m, d, shape), x);
        } finally {
            collector.interrupt();
        }
        return 0;
    }

    private void run(String route, BiFunction<NDManager, float[], ai.djl.ndarray.NDArray> create,
            float[] x) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int copies = 0;
        int wrong = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            while (System.nanoTime() < end) {
                try (NDManager s = m.newSubManager()) {
                    if (!Arrays.equals(x, create.apply(s, x).toFloatArray())) {
                        wrong++;
                    }
                }
                copies++;
            }
        }
        System.out.printf("%-24s %7d copies, %4d with other values (1 in %s)%n", route, copies,
                wrong, wrong == 0 ? "none" : String.valueOf(copies / wrong));
    }
}
