package org.gen4j.evaluation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import org.gen4j.core.data.DataException;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.IdxFiles;
import org.gen4j.core.data.ImageFolderDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MixtureModes;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.features.FeatureNetwork;
import org.gen4j.evaluation.report.EvaluationReport;
import org.gen4j.evaluation.report.Sha256;

/**
 * Scores generated samples against a reference set with any registered metrics, and records how
 * (sample counts, feature network, reference hash, seed) in an {@link EvaluationReport}.
 *
 * <p>Images go through the feature network in batches, once per set, whatever the number of
 * metrics; features feed FID, KID, precision/recall and density/coverage, class probabilities
 * feed the classifier score. Points of a 2-D mixture are scored directly.
 */
public final class Evaluator {

    private static final Set<MetricInput> IMAGE_INPUTS = EnumSet.of(
            MetricInput.GENERATED_FEATURES, MetricInput.REFERENCE_FEATURES,
            MetricInput.GENERATED_PROBABILITIES);

    private Evaluator() {}

    /**
     * A set of images, pixels in [-1, 1].
     *
     * @param name what they are, for messages and the report (a file name, "generated")
     * @param pixels {@code n * C * H * W} values, image after image
     * @param count the number of images
     * @param shape one image's shape {@code (C, H, W)}
     * @param labels the class each image was generated for (a conditional model's samples), or
     *     null; {@code conditional-accuracy} scores them
     */
    public record Images(String name, float[] pixels, int count, Shape shape, int[] labels) {

        /** Images without intended labels. */
        public Images(String name, float[] pixels, int count, Shape shape) {
            this(name, pixels, count, shape, null);
        }

        /** Validates the sizes. */
        public Images {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(shape, "shape");
            if (count < 1) {
                throw new IllegalArgumentException(name + " holds no images: at least one is"
                        + " needed (FID needs more images than features)");
            }
            if (shape.dimension() != 3 || (long) count * shape.size() != pixels.length) {
                throw new IllegalArgumentException(name + ": " + pixels.length + " values are not "
                        + count + " images of shape (C, H, W) " + shape);
            }
            if (labels != null && labels.length != count) {
                throw new IllegalArgumentException(name + ": " + labels.length + " labels for "
                        + count + " images");
            }
        }

        /** The first {@code n} images (all if {@code n} is at least the count). */
        public Images first(int n) {
            if (n >= count) {
                return this;
            }
            int per = Math.toIntExact(shape.size());
            return new Images(name, java.util.Arrays.copyOf(pixels, n * per), n, shape,
                    labels == null ? null : java.util.Arrays.copyOf(labels, n));
        }

        /** The SHA-256 of the pixels as little-endian float32, recorded as the set's identity. */
        public String sha256() {
            return Sha256.ofFloats(pixels);
        }

        /** Reads every image of a sample set, up to {@code limit}. */
        public static Images of(SampleSet set, int limit, String name) {
            if (set.sampleShape().dimension() != 3) {
                throw new IllegalArgumentException(name + " holds samples of shape "
                        + set.sampleShape() + ", not images (C, H, W)");
            }
            int n = Math.min(limit, set.size());
            int per = Math.toIntExact(set.sampleShape().size());
            float[] px = new float[n * per];
            for (int i = 0; i < n; i++) {
                set.copySample(i, px, i * per);
            }
            return new Images(name, px, n, set.sampleShape());
        }

        /**
         * Reads images from anywhere: an IDX3 image file (plain or gzip), a folder of IDX files
         * (its test split if it has one, else its training split), or a folder of PNG/JPEG images.
         *
         * @param path the file or folder
         * @param limit the most images to read
         * @throws DataException naming the path when it is missing, empty or does not parse
         */
        public static Images read(Path path, int limit) {
            String name = path.toString();
            if (Files.isRegularFile(path)) {
                IdxDataset set = IdxDataset.of(IdxFiles.readImages(path), null, name);
                return of(set, limit, name);
            }
            if (Files.isDirectory(path)) {
                if (IdxDataset.isIdxFolder(path)) {
                    try {
                        return of(IdxDataset.fromFolder(path, IdxDataset.TEST), limit, name);
                    } catch (DataException e) {
                        return of(IdxDataset.fromFolder(path, IdxDataset.TRAIN), limit, name);
                    }
                }
                if (ImageFolderDataset.containsImages(path)) {
                    return of(ImageFolderDataset.fromOptions(path, Options.empty("samples")),
                            limit, name);
                }
                throw new DataException(path + ": holds neither IDX files nor PNG/JPEG images");
            }
            throw new DataException(path + ": no such file or folder (give an IDX3 image file,"
                    + " a folder of IDX files, or a folder of PNG/JPEG images)");
        }
    }

    /**
     * Runs the feature network over images in batches.
     *
     * @param progress told the number of images done after every batch (may be null)
     * @throws IllegalArgumentException if the images are not of the network's input shape
     */
    public static FeatureNetwork.Outputs extract(FeatureNetwork network, Images images, int batch,
            IntConsumer progress) {
        if (!network.accepts(images.shape())) {
            throw new IllegalArgumentException(images.name() + " holds images of shape "
                    + images.shape() + ", but the feature network " + network.id() + " takes "
                    + network.accepted() + ": score images it takes, or choose a feature"
                    + " network for this data (gen4j evaluate --features NAME or FILE: an ONNX"
                    + " or TorchScript network, or one made by gen4j train-classifier)");
        }
        int per = Math.toIntExact(images.shape().size());
        double[][] features = new double[images.count()][];
        double[][] probabilities = network.classCount() > 0 ? new double[images.count()][]
                : null;
        for (int start = 0; start < images.count(); start += batch) {
            int n = Math.min(batch, images.count() - start);
            float[] chunk = java.util.Arrays.copyOfRange(images.pixels(), start * per,
                    (start + n) * per);
            FeatureNetwork.Outputs out = network.apply(chunk, images.shape(), n);
            System.arraycopy(out.features(), 0, features, start, n);
            if (probabilities != null) {
                System.arraycopy(out.probabilities(), 0, probabilities, start, n);
            }
            if (progress != null) {
                progress.accept(start + n);
            }
        }
        return new FeatureNetwork.Outputs(features, probabilities);
    }

    /**
     * Scores generated images against reference images.
     *
     * @param registry where the metrics are found
     * @param metrics metric names with their options (an empty map for the defaults)
     * @param generated the generated images
     * @param reference the reference images (the data's test split), or null when no metric needs
     *     reference features
     * @param network the feature network
     * @param seed the seed of metrics that draw (KID's subsets)
     * @param progress told the images done, counting the generated then the reference set
     * @throws IllegalArgumentException if a metric needs an input images cannot give (for example
     *     psnr's image pairs, or conditional-accuracy's intended labels)
     */
    public static EvaluationReport evaluateImages(Registry registry,
            Map<String, Map<String, Object>> metrics, Images generated, Images reference,
            FeatureNetwork network, long seed, int batch, IntConsumer progress) {
        List<Metric> created = create(registry, metrics);
        boolean needReference = created.stream()
                .anyMatch(m -> m.inputs().contains(MetricInput.REFERENCE_FEATURES));
        for (Metric m : created) {
            Set<MetricInput> missing = EnumSet.copyOf(m.inputs());
            missing.removeAll(IMAGE_INPUTS);
            if (generated.labels() != null) {
                missing.remove(MetricInput.INTENDED_LABELS);
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("metric '" + m.name() + "' needs " + missing
                        + ", which scoring these images cannot give; metrics for images: "
                        + "fid, kid, precision-recall, density-coverage, classifier-score, and"
                        + " conditional-accuracy for a conditional model's samples");
            }
        }
        for (Metric m : created) {
            if (m.inputs().contains(MetricInput.GENERATED_PROBABILITIES)
                    && network.classCount() == 0) {
                throw new IllegalArgumentException("metric '" + m.name() + "' needs class"
                        + " probabilities, but the feature network " + network.id() + " gives"
                        + " features only; declare its logits output (logits-output) or score"
                        + " it with fid, kid, precision-recall or density-coverage");
            }
        }
        if (needReference && reference == null) {
            throw new IllegalArgumentException("the metrics " + metrics.keySet() + " need a"
                    + " reference set of real images");
        }
        FeatureNetwork.Outputs gen = extract(network, generated, batch, progress);
        MetricInputs.Builder in = MetricInputs.builder().optSeed(seed)
                .optGeneratedFeatures(PointSet.of("features of " + generated.name(),
                        gen.features()));
        if (gen.probabilities() != null) {
            in.optGeneratedProbabilities(PointSet.of("class probabilities of "
                    + generated.name(), gen.probabilities()));
        }
        if (generated.labels() != null) {
            in.optIntendedLabels(generated.labels());
        }
        EvaluationReport.Builder report = EvaluationReport.builder().setSeed(seed)
                .optEngine(Engine.getInstance().getEngineName())
                .optGeneratedCount(generated.count()).optFeatureNetwork(network);
        if (needReference) {
            int offset = generated.count();
            FeatureNetwork.Outputs ref = extract(network, reference, batch,
                    progress == null ? null : done -> progress.accept(offset + done));
            in.optReferenceFeatures(PointSet.of("features of " + reference.name(),
                    ref.features()));
            report.optReference(reference.count(), reference.sha256());
        }
        MetricInputs inputs = in.build();
        for (Metric m : created) {
            report.addResult(m.compute(inputs));
        }
        return report.build();
    }

    /**
     * Scores generated 2-D points against the mixture they should reproduce (mode-coverage,
     * high-quality-share).
     */
    public static EvaluationReport evaluatePoints(Registry registry,
            Map<String, Map<String, Object>> metrics, float[] points, int dimension,
            MixtureModes modes, long seed) {
        List<Metric> created = create(registry, metrics);
        MetricInputs inputs = MetricInputs.builder().optSeed(seed)
                .optPoints(PointSet.ofFloats("generated points", points,
                        points.length / dimension, dimension))
                .optMixtureModes(modes).build();
        EvaluationReport.Builder report = EvaluationReport.builder().setSeed(seed)
                .optGeneratedCount(points.length / dimension);
        for (Metric m : created) {
            inputs.require(m.name(), m.inputs());
            report.addResult(m.compute(inputs));
        }
        return report.build();
    }

    /**
     * Scores a likelihood model on held-out data with the likelihood metrics ({@code nll},
     * {@code bits-per-dim}); several models (a VAE's ELBO and IWAE) add their results to one
     * report.
     *
     * @param report the report to add to, or null for a new one
     * @throws IllegalArgumentException if a metric needs an input other than a likelihood model
     *     and held-out data
     */
    public static EvaluationReport.Builder evaluateLikelihood(Registry registry,
            Map<String, Map<String, Object>> metrics, LikelihoodModel model, SampleSet heldOut,
            long seed, EvaluationReport.Builder report) {
        List<Metric> created = create(registry, metrics);
        MetricInputs inputs = MetricInputs.builder().optSeed(seed).optLikelihood(model, heldOut)
                .build();
        EvaluationReport.Builder out = report != null ? report : EvaluationReport.builder()
                .setSeed(seed).optEngine(Engine.getInstance().getEngineName())
                .optGeneratedCount(heldOut.size());
        for (Metric m : created) {
            inputs.require(m.name(), m.inputs());
            out.addResult(m.compute(inputs));
        }
        return out;
    }

    private static List<Metric> create(Registry registry, Map<String, Map<String, Object>> metrics) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics given: name at least one (see 'gen4j"
                    + " list metrics')");
        }
        List<Metric> out = new ArrayList<>();
        for (var e : new LinkedHashMap<>(metrics).entrySet()) {
            Options o = new Options("metric '" + e.getKey() + "'", e.getValue());
            out.add(registry.metric(e.getKey()).create(o));
        }
        return out;
    }
}
