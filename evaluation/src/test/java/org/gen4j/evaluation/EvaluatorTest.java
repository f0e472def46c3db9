package org.gen4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gen4j.core.data.DataException;
import org.gen4j.core.data.IdxFiles;
import org.gen4j.core.data.IdxWriter;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.evaluation.features.FeatureNetwork;
import org.gen4j.evaluation.report.EvaluationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator's plumbing with a feature network whose features are known in closed form. */
class EvaluatorTest {

    @TempDir
    Path tmp;

    /** Features: the mean of each of the 4 rows; probabilities: a sigmoid of the first. */
    static final class RowMeans implements FeatureNetwork {
        @Override
        public String id() {
            return "row-means";
        }

        @Override
        public String weightsSha256() {
            return "0".repeat(64);
        }

        @Override
        public Shape inputShape() {
            return new Shape(1, 4, 4);
        }

        @Override
        public int featureSize() {
            return 4;
        }

        @Override
        public int classCount() {
            return 2;
        }

        @Override
        public Outputs apply(float[] images, int n) {
            double[][] f = new double[n][4];
            double[][] p = new double[n][2];
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 4; c++) {
                        f[i][r] += images[i * 16 + r * 4 + c] / 4;
                    }
                }
                double s = 1 / (1 + Math.exp(-f[i][0]));
                p[i] = new double[] {s, 1 - s};
            }
            return new Outputs(f, p);
        }

        @Override
        public void close() {}
    }

    private static Evaluator.Images images(String name, int n, long seed, float shift) {
        float[] px = new float[n * 16];
        RandomStream r = new RandomStream(seed);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (0.3 * r.nextGaussian()) + shift;
        }
        return new Evaluator.Images(name, px, n, new Shape(1, 4, 4));
    }

    private static Map<String, Map<String, Object>> metrics(String... names) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Map.of());
        }
        return m;
    }

    @Test
    void aSetAgainstItselfScoresFidZeroAndTheReportRecordsItsProvenance() {
        Registry registry = Gen4j.registry();
        Evaluator.Images a = images("a", 200, 1, 0);
        int[] progress = {0};
        EvaluationReport report = Evaluator.evaluateImages(registry,
                metrics("fid", "precision-recall", "classifier-score"), a, a, new RowMeans(), 7,
                64, done -> progress[0] = done);
        assertThat(report.result("fid").value("fid")).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.result("precision-recall").value("precision")).isEqualTo(1.0);
        assertThat(report.generatedCount()).isEqualTo(200);
        assertThat(report.referenceCount()).isEqualTo(200);
        assertThat(report.referenceSha256()).isEqualTo(a.sha256());
        assertThat(report.featureNetwork().id()).isEqualTo("row-means");
        assertThat(report.seed()).isEqualTo(7);
        assertThat(progress[0]).isEqualTo(400);
    }

    @Test
    void shiftedImagesScoreAPositiveFid() {
        EvaluationReport report = Evaluator.evaluateImages(Gen4j.registry(), metrics("fid"),
                images("a", 300, 1, 0), images("b", 300, 2, 0.5f), new RowMeans(), 0, 100, null);
        // Each feature is a mean of 4 values, so its mean moves by 0.5: ||mu1 - mu2||^2 ~ 4 * 0.25.
        assertThat(report.result("fid").value("fid")).isBetween(0.8, 1.2);
    }

    @Test
    void badInputIsNamed() throws IOException {
        Registry registry = Gen4j.registry();
        Evaluator.Images wrong = new Evaluator.Images("big", new float[2 * 64], 2,
                new Shape(1, 8, 8));
        assertThatThrownBy(() -> Evaluator.evaluateImages(registry, metrics("fid"), wrong, wrong,
                new RowMeans(), 0, 10, null))
                .hasMessageContaining("big holds images of shape (1, 8, 8)")
                .hasMessageContaining("row-means takes images of shape (1, 4, 4)");
        assertThatThrownBy(() -> new Evaluator.Images("empty", new float[0], 0, new Shape(1, 4, 4)))
                .hasMessageContaining("empty holds no images");
        Evaluator.Images few = images("few", 3, 1, 0);
        assertThatThrownBy(() -> Evaluator.evaluateImages(registry, metrics("fid"), few, few,
                new RowMeans(), 0, 10, null))
                .hasMessageContaining("few");
        assertThatThrownBy(() -> Evaluator.evaluateImages(registry, metrics("psnr"), few, few,
                new RowMeans(), 0, 10, null))
                .hasMessageContaining("metric 'psnr' needs");
        assertThatThrownBy(() -> Evaluator.evaluateImages(registry, metrics("fdi"), few, few,
                new RowMeans(), 0, 10, null))
                .hasMessageContaining("Unknown metric 'fdi'");
        Path junk = tmp.resolve("junk.idx");
        Files.writeString(junk, "not an idx file");
        assertThatThrownBy(() -> Evaluator.Images.read(junk, 10))
                .isInstanceOf(DataException.class).hasMessageContaining("junk.idx");
        assertThatThrownBy(() -> Evaluator.Images.read(tmp.resolve("missing"), 10))
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void readsIdxFilesAsWrittenBySample() throws IOException {
        Path file = tmp.resolve("s.idx");
        float[] px = new float[3 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 2 == 0 ? -1f : 1f;
        }
        IdxWriter.writeImages(file, px, 3, 4, 4);
        Evaluator.Images read = Evaluator.Images.read(file, 2);
        assertThat(read.count()).isEqualTo(2);
        assertThat(read.shape()).isEqualTo(new Shape(1, 4, 4));
        assertThat(read.pixels()[0]).isEqualTo(-1f);
        assertThat(read.pixels()[1]).isEqualTo(1f);
    }
}
