package org.gen4j.evaluation.features;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.gen4j.evaluation.report.Sha256;
import org.gen4j.core.engine.HostArrays;

/**
 * A feature network loaded from a user's file: a TorchScript model run by DJL's PyTorch engine,
 * or an ONNX model run by DJL's ONNX Runtime engine, with the {@link InputContract} that says how
 * to feed it and which outputs to read.
 *
 * <p>The network runs on its own engine, beside the engine that trains (DJL runs several in one
 * JVM): an MXNet run is scored by an ONNX network. Images are prepared on the JVM ({@link
 * ImagePreprocessor}), sent in batches of at most {@link #BATCH}, and the outputs read back as
 * float32; the logits, when declared, become class probabilities by a softmax in double.
 */
public final class ModelFileFeatureNetwork implements FeatureNetwork {

    /** Images per forward pass. */
    public static final int BATCH = 100;

    /** The engines a network file can be run by. */
    public enum Format {
        /** {@code .onnx}: DJL's ONNX Runtime engine ({@code ai.djl.onnxruntime:onnxruntime-engine}). */
        ONNX("OnnxRuntime", "ai.djl.onnxruntime:onnxruntime-engine (and its native"
                + " com.microsoft.onnxruntime:onnxruntime); the gen4j CLI jar has it"),
        /** {@code .pt}: a TorchScript module on DJL's PyTorch engine. */
        TORCHSCRIPT("PyTorch", "ai.djl.pytorch:pytorch-engine with its JNI and native jars; the"
                + " gen4j CLI jar built with -Ppytorch has them (the default jar runs MXNet), or"
                + " convert the network to ONNX");

        private final String engine;
        private final String howToGet;

        Format(String engine, String howToGet) {
            this.engine = engine;
            this.howToGet = howToGet;
        }

        /** The DJL engine name. */
        public String engine() {
            return engine;
        }
    }

    private final Path file;
    private final Format format;
    private final InputContract contract;
    private final String sha256;
    private final String description;
    private final ImagePreprocessor preprocessor;
    private final ZooModel<NDList, NDList> model;
    private final Block block;
    private final ParameterStore parameterStore;
    private int classCount = -1;
    private int featureSize = -1;
    private boolean closed;

    private ModelFileFeatureNetwork(Path file, Format format, InputContract contract,
            ZooModel<NDList, NDList> model, String sha256) {
        this.file = file;
        this.format = format;
        this.contract = contract;
        this.model = model;
        this.sha256 = sha256;
        this.description = "the feature network " + contract.id() + " (" + file + ")";
        this.preprocessor = new ImagePreprocessor(contract, description);
        this.block = model.getBlock();
        this.parameterStore = new ParameterStore(model.getNDManager(), false);
    }

    /**
     * Loads a network file and runs it once on a blank batch, so that a network that rejects its
     * declared input fails here, naming the file, rather than in the middle of a scoring.
     *
     * @param file the {@code .onnx} or TorchScript file
     * @param format which engine runs it
     * @param contract its input and outputs
     * @throws IllegalArgumentException if the file is missing or unreadable, the engine is not on
     *     the class path, or the network rejects the declared input or lacks a declared output
     */
    public static ModelFileFeatureNetwork load(Path file, Format format, InputContract contract) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(contract, "contract is null");
        checkFile(file);
        if (!Engine.hasEngine(format.engine)) {
            throw new IllegalArgumentException("the feature network " + file + " needs DJL's "
                    + format.engine + " engine, which is not on the class path; add "
                    + format.howToGet);
        }
        String sha;
        try {
            sha = Sha256.ofFile(file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the feature network file " + file
                    + ": " + e.getMessage(), e);
        }
        ZooModel<NDList, NDList> model;
        try {
            model = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optModelPath(file.toAbsolutePath()).optEngine(format.engine)
                    .optTranslator(new NoopTranslator()).build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException
                | RuntimeException e) {
            throw new IllegalArgumentException("the feature network file " + file + " cannot be"
                    + " loaded as " + (format == Format.ONNX ? "an ONNX model" : "a TorchScript"
                    + " module") + ": " + firstLine(e), e);
        }
        ModelFileFeatureNetwork net = new ModelFileFeatureNetwork(file, format, contract, model,
                sha);
        try {
            net.probe();
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /**
     * Checks that a network file is there, before its contract is read.
     *
     * @throws IllegalArgumentException if it does not exist or is not a regular file
     */
    public static void checkFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the feature network file " + file
                    + (Files.exists(file) ? " is not a regular file" : " does not exist")
                    + "; give a .onnx file (ONNX Runtime) or a TorchScript .pt file (PyTorch)");
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void probe() {
        float[] blank = new float[Math.toIntExact(2 * contract.inputShape().size())];
        Raw raw = forward(blank, 2);
        featureSize = raw.featureSize;
        classCount = raw.logits == null ? 0 : raw.classCount;
    }

    /** One batch's features and logits as float32. */
    private record Raw(float[] features, int featureSize, float[] logits, int classCount) {}

    private Raw forward(float[] input, int n) {
        try (NDManager sm = model.getNDManager().newSubManager()) {
            NDArray x = HostArrays.create(sm, input, new Shape(n).addAll(contract.inputShape()));
            NDList out;
            try {
                out = block.forward(parameterStore, new NDList(x), false);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(description + " rejected a batch of shape "
                        + x.getShape() + " (its declared input " + contract.inputShape()
                        + "): " + firstLine(e) + "; check the input contract", e);
            }
            NDArray f = output(out, contract.featuresOutput(), "features-output");
            float[] features = floats(f);
            int fs = perImage(f, n, "features-output");
            float[] logits = null;
            int k = 0;
            if (contract.logitsOutput() != null) {
                NDArray l = output(out, contract.logitsOutput(), "logits-output");
                logits = floats(l);
                k = perImage(l, n, "logits-output");
            }
            return new Raw(features, fs, logits, k);
        }
    }

    private NDArray output(NDList out, String which, String key) {
        if (which.matches("\\d+")) {
            int i = Integer.parseInt(which);
            if (i >= out.size()) {
                throw new IllegalArgumentException(description + ": " + key + " is output " + i
                        + ", but the network gives " + out.size() + " output"
                        + (out.size() == 1 ? "" : "s") + " " + names(out));
            }
            return out.get(i);
        }
        for (NDArray a : out) {
            if (which.equals(a.getName())) {
                return a;
            }
        }
        throw new IllegalArgumentException(description + ": " + key + " names the output '"
                + which + "', but the network's outputs are " + names(out));
    }

    private static String names(NDList out) {
        String[] names = new String[out.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = i + (out.get(i).getName() == null ? "" : " (" + out.get(i).getName() + ")")
                    + " of shape " + out.get(i).getShape();
        }
        return Arrays.toString(names);
    }

    private int perImage(NDArray a, int n, String key) {
        Shape s = a.getShape();
        long per = s.dimension() == 0 ? 0 : s.size() / Math.max(1, s.get(0));
        boolean flat = s.dimension() >= 2 && s.get(0) == n
                && s.slice(2).size() == 1;
        if (!flat || per < 1) {
            throw new IllegalArgumentException(description + ": " + key + " has shape " + s
                    + " for " + n + " images; a feature or logits output must be (N, F) or (N, F,"
                    + " 1, 1)");
        }
        return Math.toIntExact(per);
    }

    private static float[] floats(NDArray a) {
        return a.getDataType() == DataType.FLOAT32 ? a.toFloatArray()
                : a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    @Override
    public String id() {
        return contract.id();
    }

    @Override
    public String weightsSha256() {
        return sha256;
    }

    @Override
    public Shape inputShape() {
        return contract.inputShape();
    }

    @Override
    public boolean accepts(Shape imageShape) {
        return preprocessor.accepts(imageShape);
    }

    @Override
    public String accepted() {
        return preprocessor.accepted();
    }

    @Override
    public int featureSize() {
        return featureSize;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    /** The input contract the network is fed by. */
    public InputContract contract() {
        return contract;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", file.toAbsolutePath().normalize().toString());
        d.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        d.put("engine", format.engine);
        d.put("contract", contract.toMap());
        return d;
    }

    @Override
    public Outputs apply(float[] images, int n) {
        return apply(images, contract.inputShape(), n);
    }

    @Override
    public synchronized Outputs apply(float[] images, Shape imageShape, int n) {
        Objects.requireNonNull(images, "images is null");
        Objects.requireNonNull(imageShape, "imageShape is null");
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        if (n < 1) {
            throw new IllegalArgumentException(description + " needs at least one image, got n = "
                    + n);
        }
        for (int i = 0; i < images.length; i++) {
            if (!Float.isFinite(images[i])) {
                throw new IllegalArgumentException(description + " got a non-finite pixel ("
                        + images[i] + ") at value " + i);
            }
        }
        if (!preprocessor.accepts(imageShape)) {
            throw new IllegalArgumentException(description + " takes " + accepted() + ", got"
                    + " images of shape " + imageShape);
        }
        int per = Math.toIntExact(imageShape.size());
        if (images.length != (long) n * per) {
            throw new IllegalArgumentException(description + ": " + images.length + " values"
                    + " are not " + n + " images of shape " + imageShape);
        }
        double[][] features = new double[n][];
        double[][] probabilities = classCount > 0 ? new double[n][] : null;
        for (int start = 0; start < n; start += BATCH) {
            int count = Math.min(BATCH, n - start);
            // One batch at a time: 10,000 images at 3 x 299 x 299 would be 10 GB at once.
            float[] input = preprocessor.apply(Arrays.copyOfRange(images, start * per,
                    (start + count) * per), imageShape, count);
            Raw raw = forward(input, count);
            for (int i = 0; i < count; i++) {
                double[] row = new double[raw.featureSize];
                for (int j = 0; j < row.length; j++) {
                    row[j] = raw.features[i * raw.featureSize + j];
                }
                features[start + i] = row;
                if (probabilities != null) {
                    probabilities[start + i] = Softmax.probabilities(raw.logits, i * classCount,
                            classCount);
                }
            }
        }
        return new Outputs(features, probabilities);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
