package org.gen4j.core.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.report.MetricsLog;
import org.gen4j.core.report.MetricsTable;
import org.gen4j.core.report.RunReport;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4jBuild;

/**
 * Writes a run's {@code report.html}: the curves of the procedure's metrics from
 * {@code metrics.csv}, a summary of the run (its status, engine, data and length) and every
 * picture in its {@code samples/} folder.
 */
final class ReportWriter {

    private final RunSpec spec;
    private final Path runDir;
    private final SampleSet data;
    private final TrainingProcedure procedure;
    private final long totalSteps;
    private final long stepsPerEpoch;
    private boolean written;

    ReportWriter(RunSpec spec, Path runDir, SampleSet data, TrainingProcedure procedure,
            long totalSteps, long stepsPerEpoch) {
        this.spec = spec;
        this.runDir = runDir;
        this.data = data;
        this.procedure = procedure;
        this.totalSteps = totalSteps;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** Whether a report has been written (or attempted) yet. */
    boolean written() {
        return written;
    }

    /** Writes the report from the metrics logged so far, with {@code status} in its summary. */
    void write(MetricsLog log, String status) throws IOException {
        written = true;
        MetricsTable table = log.read();
        String what = spec.model().equals(spec.procedure()) ? spec.model()
                : spec.model() + " (" + spec.procedure() + ")";
        RunReport.Builder b = RunReport.builder()
                .setTitle("gen4j: " + what + " on " + spec.data())
                .optSpecJson(spec.toJson());
        if (!table.isEmpty()) {
            for (String name : procedure.metrics()) {
                b.addSeries(name, table.stepsAsDoubles(), table.column(name));
            }
            double[] rate = table.column(TrainingRun.IMAGES_PER_S);
            b.addSummary("images/s (last)", String.format("%.1f", rate[rate.length - 1]));
            b.addSummary("last step", Long.toString(table.lastStep()));
        }
        b.addSummary("status", status);
        b.addSummary("procedure", spec.procedure());
        b.addSummary("engine", Engine.getInstance().getEngineName());
        b.addSummary("gen4j", Gen4jBuild.current().describe());
        b.addSummary("data", data.description() + ", " + data.size() + " samples of "
                + data.sampleShape());
        b.addSummary("steps", totalSteps + " (" + stepsPerEpoch + " per epoch)");
        Path samples = runDir.resolve("samples");
        if (Files.isDirectory(samples)) {
            try (var files = Files.list(samples)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                    String name = p.getFileName().toString();
                    b.addImage("samples/" + name, name.replace(".png", "").replace('-', ' '));
                }
            }
        }
        b.build().write(runDir.resolve(RunReport.FILE_NAME));
    }
}
