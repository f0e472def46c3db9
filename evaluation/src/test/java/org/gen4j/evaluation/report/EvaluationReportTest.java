package org.gen4j.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.gen4j.core.metric.MetricResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation report round-trips through JSON and records its provenance. */
class EvaluationReportTest {

    private static final String REF = "a".repeat(64);
    private static final String WEIGHTS = "0123456789abcdef".repeat(4);

    private static EvaluationReport sample() {
        Map<String, Double> psnr = new LinkedHashMap<>();
        psnr.put("psnr", Double.POSITIVE_INFINITY);
        psnr.put("psnr_non_identical", 31.5);
        psnr.put("identical_pairs", 1.0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subsets", 100);
        details.put("subset_size", 1000);
        details.put("note", "text");
        details.put("exact", false);
        details.put("threshold_std", 3.0);
        return EvaluationReport.builder()
                .setSeed(1234567890123L)
                .optEngine("MXNet")
                .optTimestamp(Instant.parse("2026-11-23T10:15:30Z"))
                .optGeneratedCount(10_000)
                .optReference(9_000, REF)
                .optFeatureNetwork("fashion-mnist-classifier", WEIGHTS)
                .addResult(new MetricResult("fid", Map.of("fid", 12.25), Map.of("dimension", 128)))
                .addResult(new MetricResult("kid", Map.of("kid_mean", -1e-5), details))
                .addResult(new MetricResult("psnr", psnr, Map.of()))
                .build();
    }

    @Test
    void roundTripsThroughAFileWrittenAtomically(@TempDir Path dir) throws Exception {
        EvaluationReport report = sample();
        Path file = report.writeTo(dir.resolve("run"));
        assertThat(file).isEqualTo(dir.resolve("run").resolve("evaluation.json"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
        EvaluationReport back = EvaluationReport.read(file);
        assertThat(back).isEqualTo(report);
        assertThat(back.result("psnr").value("psnr")).isInfinite();
        assertThat(back.result("kid").details().get("subsets")).isInstanceOf(Integer.class);
        assertThat(back.result("kid").details().get("exact")).isEqualTo(false);
        assertThat(back.result("kid").details().keySet()).containsExactly("subsets",
                "subset_size", "note", "exact", "threshold_std");
    }

    @Test
    void writesSnakeCaseProvenanceFields() {
        String json = sample().toJson();
        assertThat(json).contains("\"format\" : \"gen4j-evaluation/1\"",
                "\"engine\" : \"MXNet\"", "\"timestamp\" : \"2026-11-23T10:15:30Z\"",
                "\"seed\" : 1234567890123", "\"generated_count\" : 10000",
                "\"reference_count\" : 9000", "\"reference_sha256\" : \"" + REF + "\"",
                "\"id\" : \"fashion-mnist-classifier\"", "\"weights_sha256\" : \"" + WEIGHTS + "\"",
                "\"psnr\" : \"Infinity\"");
        assertThat(json.indexOf("\"format\"")).isLessThan(json.indexOf("\"metrics\""));
        assertThat(sample().gen4jVersion()).isNotBlank().doesNotContain("${");
    }

    @Test
    void aReportNeedsItsSeedAndWellFormedHashes() {
        assertThatThrownBy(() -> EvaluationReport.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call setSeed");
        assertThatThrownBy(() -> EvaluationReport.builder().setSeed(1)
                .optReference(10, "ABC").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference_sha256 must be 64 lower-case hex digits, got 'ABC'");
        assertThatThrownBy(() -> sample().result("ssim"))
                .hasMessage("the report has no result of metric 'ssim'. Its metrics: [fid, kid, "
                        + "psnr]");
    }

    @Test
    void aMinimalReportHasNoReferenceNorFeatureNetwork() throws Exception {
        EvaluationReport r = EvaluationReport.builder().setSeed(0).build();
        assertThat(r.engine()).isEqualTo("none");
        assertThat(r.referenceSha256()).isNull();
        assertThat(r.featureNetwork()).isNull();
        assertThat(EvaluationReport.fromJson(r.toJson())).isEqualTo(r);
    }
}
