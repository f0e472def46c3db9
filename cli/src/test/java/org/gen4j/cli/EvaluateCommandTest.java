package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.IdxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j evaluate} end to end, on the embedded Fashion-MNIST sample. */
class EvaluateCommandTest {

    @TempDir
    Path tmp;

    /** The first {@code n} images of a split of the embedded sample, as an IDX3 file. */
    private Path sampleIdx(String split, int n) throws IOException {
        IdxDataset set = FashionMnist.sample(split);
        float[] px = new float[n * 784];
        for (int i = 0; i < n; i++) {
            set.copySample(i, px, i * 784);
        }
        Path file = tmp.resolve(split + ".idx");
        IdxWriter.writeImages(file, px, n, 28, 28);
        return file;
    }

    @Test
    void realImagesScoreCloseToTheTestSplitAndTheReportIsWritten() throws IOException {
        Path samples = sampleIdx("train", 1000);
        Path report = tmp.resolve("eval.json");
        Cli.Result r = Cli.run("evaluate", "--samples", samples.toString(), "--reference",
                "fashion-mnist-sample", "--metrics", "fid,precision-recall,classifier-score",
                "--n", "1000", "--out", report.toString(), "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fid", "precision=", "classifier_score_mean=");
        String json = Files.readString(report);
        assertThat(json).contains("\"generated_count\" : 1000", "\"reference_count\" : 1000",
                "\"fashion-mnist-classifier\"", "\"reference_sha256\"", "\"seed\" : 0");
        double fid = Double.parseDouble(r.out().replaceAll("(?s).*fid=([0-9.eE+-]+).*", "$1"));
        assertThat(fid).as("train vs test images of one data set").isLessThan(10);
    }

    @Test
    void aRunIsScoredAgainstItsDataTestSplit() {
        Path run = tmp.resolve("run");
        Cli.Result t = Cli.run("train", "--model", "dcgan", "--set", "model-options.width=8",
                "--batch-size", "16", "--steps", "2", "--no-progress", "--out", run.toString());
        assertThat(t.code()).as(t.toString()).isZero();
        // The features of this 2-step generator made commons-math's eigendecomposition fail.
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--metrics",
                "fid,classifier-score,precision-recall", "--n", "200", "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(run.resolve("evaluation.json")).isRegularFile().content()
                .contains("\"generated_count\" : 200");
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path junk = tmp.resolve("junk.idx");
        Files.writeString(junk, "not an idx file");
        Cli.Result r = Cli.run("evaluate", "--samples", junk.toString(), "--reference",
                "fashion-mnist-sample", "--no-progress");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("junk.idx");
        Path few = sampleIdx("test", 50);
        Cli.Result r2 = Cli.run("evaluate", "--samples", few.toString(), "--reference",
                "fashion-mnist-sample", "--metrics", "fid", "--no-progress");
        assertThat(r2.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r2)).contains("50").contains("129");
    }
}
