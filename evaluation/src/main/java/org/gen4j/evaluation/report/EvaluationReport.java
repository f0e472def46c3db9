package org.gen4j.evaluation.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.spi.Gen4jBuild;
import org.gen4j.core.util.AtomicFiles;
import org.gen4j.evaluation.features.FeatureNetwork;

/**
 * The provenance record of one evaluation, written as JSON beside the run it evaluates
 * ({@value #FILE_NAME}): every metric result with the inputs that make it reproducible and
 * comparable.
 *
 * <p>It holds the gen4j version, the default DJL engine of the process (the one that ran the
 * model and gen4j's own feature networks; a model-file feature network records the engine that
 * ran it, ONNX Runtime or PyTorch, in its details), the time, the
 * seed of the metrics' random choices, the generated and reference sample counts, the feature
 * network's id and weights hash, the reference set's SHA-256 ({@link Sha256#ofSamples}), and the
 * results. Two FIDs are comparable only when the feature network, its weights hash, the reference
 * hash and the sample counts agree.
 *
 * <pre>{@code
 * {
 *   "format" : "gen4j-evaluation/1",
 *   "gen4j_version" : "0.1.0",
 *   "engine" : "MXNet",
 *   "timestamp" : "2026-11-23T10:15:30Z",
 *   "seed" : 42,
 *   "generated_count" : 10000,
 *   "reference_count" : 10000,
 *   "reference_sha256" : "9f2c...",
 *   "feature_network" : { "id" : "fashion-mnist-classifier", "weights_sha256" : "41ab..." },
 *   "metrics" : [ { "metric" : "fid", "values" : { "fid" : 12.3 }, "details" : { ... } } ]
 * }
 * }</pre>
 *
 * <p>Infinite values (PSNR of identical images) are written as the strings {@code "Infinity"} and
 * {@code "-Infinity"} and read back as such. Written atomically ({@link AtomicFiles}): a reader
 * never sees half a report.
 *
 * @param format the format tag, {@value #FORMAT}
 * @param gen4jVersion the gen4j version that computed the metrics
 * @param engine the process's default DJL engine, which ran the model and gen4j's own feature
 *     networks (a model-file feature network names its engine in its details); {@code none}
 *     when no network ran
 * @param timestamp when the report was made, ISO-8601 UTC
 * @param seed the seed of the metrics' random choices (KID subsets)
 * @param generatedCount the number of generated samples evaluated; 0 when none
 * @param referenceCount the number of reference samples; 0 when none
 * @param referenceSha256 the SHA-256 of the reference data, or {@code null} when none
 * @param featureNetwork the feature network, or {@code null} when no metric used one
 * @param metrics the results, in computation order
 */
@JsonPropertyOrder({"format", "gen4j_version", "engine", "timestamp", "seed", "generated_count",
    "reference_count", "reference_sha256", "feature_network", "metrics"})
public record EvaluationReport(
        @JsonProperty("format") String format,
        @JsonProperty("gen4j_version") String gen4jVersion,
        @JsonProperty("engine") String engine,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("seed") long seed,
        @JsonProperty("generated_count") int generatedCount,
        @JsonProperty("reference_count") int referenceCount,
        @JsonProperty("reference_sha256") String referenceSha256,
        @JsonProperty("feature_network") FeatureNetworkId featureNetwork,
        @JsonProperty("metrics") List<MetricResult> metrics) {

    /** The file name of the report in a run folder. */
    public static final String FILE_NAME = "evaluation.json";

    /** The format tag written in every report. */
    public static final String FORMAT = "gen4j-evaluation/1";

    /** The engine recorded when no network ran. */
    public static final String NO_ENGINE = "none";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Checks the fields and copies the list. */
    public EvaluationReport {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(gen4jVersion, "gen4j_version is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(timestamp, "timestamp is null");
        if (generatedCount < 0 || referenceCount < 0) {
            throw new IllegalArgumentException("sample counts must be >= 0, got generated "
                    + generatedCount + " and reference " + referenceCount);
        }
        if (referenceSha256 != null && !SHA256.matcher(referenceSha256).matches()) {
            throw new IllegalArgumentException("reference_sha256 must be 64 lower-case hex digits,"
                    + " got '" + referenceSha256 + "'");
        }
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics is null"));
    }

    /**
     * The identity of a feature network.
     *
     * @param id its stable identifier, for example {@code fashion-mnist-classifier}
     * @param weightsSha256 the SHA-256 (hex) of its weights (of the network file, for a network
     *     loaded from one)
     * @param details how it was obtained: its file, format, engine and input contract, for a
     *     network loaded from a file; empty for the shipped one
     */
    public record FeatureNetworkId(
            @JsonProperty("id") String id,
            @JsonProperty("weights_sha256") String weightsSha256,
            @JsonProperty("details") @JsonInclude(JsonInclude.Include.NON_EMPTY)
            Map<String, Object> details) {

        /** Checks the fields. */
        public FeatureNetworkId {
            Objects.requireNonNull(id, "feature network id is null");
            Objects.requireNonNull(weightsSha256, "feature network weights hash is null");
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(details));
        }

        /** An identity without details. */
        public FeatureNetworkId(String id, String weightsSha256) {
            this(id, weightsSha256, Map.of());
        }

        /** The identity of a feature network, with its {@link FeatureNetwork#details}. */
        public static FeatureNetworkId of(FeatureNetwork network) {
            return new FeatureNetworkId(network.id(), network.weightsSha256(), network.details());
        }
    }

    /** A builder with the current gen4j version, engine {@value #NO_ENGINE} and time now. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The result of the metric named {@code metric} (the first, if it was computed twice).
     *
     * @throws IllegalArgumentException naming the metrics there are when there is none
     */
    public MetricResult result(String metric) {
        for (MetricResult r : metrics) {
            if (r.metric().equals(metric)) {
                return r;
            }
        }
        List<String> names = new ArrayList<>();
        metrics.forEach(r -> names.add(r.metric()));
        throw new IllegalArgumentException("the report has no result of metric '" + metric
                + "'. Its metrics: " + names);
    }

    /** The report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the evaluation report as JSON", e);
        }
    }

    /** Reads a report from JSON text. */
    public static EvaluationReport fromJson(String json) throws IOException {
        return JSON.readValue(json, EvaluationReport.class);
    }

    /** Writes the report to {@code file} atomically, creating its folder. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }

    /** Writes the report as {@value #FILE_NAME} in {@code runDir}; returns the file. */
    public Path writeTo(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        write(file);
        return file;
    }

    /** Reads a report written by {@link #write}. */
    public static EvaluationReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), EvaluationReport.class);
    }

    /** The gen4j build that computes the metrics: version, and commit and build time if known. */
    public static String currentGen4jVersion() {
        return Gen4jBuild.current().describe();
    }

    /** Builds an {@link EvaluationReport}. */
    public static final class Builder {
        private String engine = NO_ENGINE;
        private Instant timestamp = Instant.now();
        private Long seed;
        private int generatedCount;
        private int referenceCount;
        private String referenceSha256;
        private FeatureNetworkId featureNetwork;
        private final List<MetricResult> metrics = new ArrayList<>();

        private Builder() {}

        /** Sets the seed of the metrics' random choices (required). */
        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the engine that ran the feature network or model; "none" by default. */
        public Builder optEngine(String engine) {
            this.engine = Objects.requireNonNull(engine, "engine is null");
            return this;
        }

        /** Sets the time of the report; now by default. */
        public Builder optTimestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp is null");
            return this;
        }

        /** Sets the number of generated samples evaluated. */
        public Builder optGeneratedCount(int count) {
            this.generatedCount = count;
            return this;
        }

        /** Sets the number of reference samples and the SHA-256 of the reference data. */
        public Builder optReference(int count, String sha256) {
            this.referenceCount = count;
            this.referenceSha256 = Objects.requireNonNull(sha256, "reference sha256 is null");
            return this;
        }

        /** Records the feature network's id and weights hash. */
        public Builder optFeatureNetwork(FeatureNetwork network) {
            this.featureNetwork = FeatureNetworkId.of(network);
            return this;
        }

        /** Records a feature network's id and weights hash. */
        public Builder optFeatureNetwork(String id, String weightsSha256) {
            this.featureNetwork = new FeatureNetworkId(id, weightsSha256);
            return this;
        }

        /** Adds a metric result. */
        public Builder addResult(MetricResult result) {
            metrics.add(Objects.requireNonNull(result, "result is null"));
            return this;
        }

        /**
         * The report.
         *
         * @throws IllegalStateException if the seed was not set
         */
        public EvaluationReport build() {
            if (seed == null) {
                throw new IllegalStateException("the seed of an evaluation report is not set: call "
                        + "setSeed with the seed the metrics were computed with");
            }
            return new EvaluationReport(FORMAT, currentGen4jVersion(), engine,
                    timestamp.toString(), seed, generatedCount, referenceCount, referenceSha256,
                    featureNetwork, metrics);
        }
    }
}
