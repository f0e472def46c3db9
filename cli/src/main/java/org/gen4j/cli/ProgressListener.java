package org.gen4j.cli;

import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gen4j.core.train.RunListener;
import org.gen4j.core.train.StepResult;

/**
 * Shows training progress: a progress bar with step, epoch, the procedure's values, images/s and
 * ETA, or (when the bar is off or there is no terminal) one line every ten seconds.
 */
final class ProgressListener implements RunListener, AutoCloseable {

    private final boolean bar;
    private ProgressBar progressBar;
    private long lastLine;
    private long total;
    private long startStep;
    private long startNanos;

    ProgressListener(boolean wantBar) {
        this.bar = wantBar && System.console() != null;
    }

    @Override
    public void onStart(long startStep, long totalSteps, long stepsPerEpoch, String description) {
        this.total = totalSteps;
        this.startStep = startStep;
        this.startNanos = System.nanoTime();
        System.err.printf("data: %s; %d steps per epoch; steps %d to %d%n", description,
                stepsPerEpoch, startStep, totalSteps);
        if (bar) {
            progressBar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(500)
                    .startsFrom(startStep, java.time.Duration.ZERO)
                    .build();
        }
    }

    /** The step's values as {@code name value} pairs, penalty left out while it is zero. */
    static String values(StepResult r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.names().size(); i++) {
            String name = r.names().get(i);
            if (name.equals("penalty") && r.values()[i] == 0) {
                continue;
            }
            sb.append(String.format("  %s %.3f", label(name), r.values()[i]));
        }
        return sb.toString();
    }

    private static String label(String name) {
        return switch (name) {
            case "loss_d" -> "D";
            case "loss_g" -> "G";
            default -> name;
        };
    }

    @Override
    public void onStep(StepResult r, int epoch, double imagesPerSecond) {
        String extra = String.format("ep %d%s  %.0f img/s", epoch, values(r), imagesPerSecond);
        if (progressBar != null) {
            progressBar.stepTo(r.step());
            progressBar.setExtraMessage(extra);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine > 10_000_000_000L || r.step() == total) {
            lastLine = now;
            double elapsed = (now - startNanos) / 1e9;
            long done = r.step() - startStep;
            double eta = done > 0 ? elapsed / done * (total - r.step()) : Double.NaN;
            System.err.printf("step %d/%d  %s  eta %s%n", r.step(), total, extra, duration(eta));
        }
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public void onSamples(Path file, int epoch, long step) {
        if (progressBar == null) {
            System.err.printf("samples: %s%n", file);
        }
    }

    @Override
    public void onEnd(long step, double seconds) {
        close();
        System.err.printf("done: %d steps in %s%n", step, duration(seconds));
    }

    @Override
    public void close() {
        if (progressBar != null) {
            progressBar.close();
            progressBar = null;
        }
    }
}
