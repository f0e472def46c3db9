package org.gen4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gen4j.core.procedure.SampleProgress;

/**
 * The progress bar of {@code gen4j sample}, shown once a model reports sequential sampling steps
 * (the autoregressive models, one value at a time) and only on a terminal; models that sample
 * in one pass report nothing and show nothing.
 */
final class SamplingProgress implements SampleProgress, AutoCloseable {

    private final boolean wanted;
    private ProgressBar bar;

    SamplingProgress(boolean wanted) {
        this.wanted = wanted && System.console() != null;
    }

    @Override
    public void advance(long done, long total) {
        if (!wanted) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("sample").setInitialMax(total)
                    .setUnit(" image-values", 1).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(500).build();
        }
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
