package org.gen4j.evaluation.features;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gen4j.core.util.Options;

/**
 * What a network loaded from a file expects of its input and gives as output: the input size and
 * channels, the value range and normalisation, how images of another size are resized, and which
 * outputs are the features and the logits.
 *
 * <p>It is read from a JSON sidecar (by default the network file's name plus {@code .json}, for
 * example {@code inception.onnx.json}) and from options, which override the sidecar key by key.
 * Both use the same flat keys:
 *
 * <pre>{@code
 * {
 *   "id": "pytorch-fid-inception-v3",
 *   "channels": 3, "height": 299, "width": 299,
 *   "range": [-1, 1],
 *   "mean": [0, 0, 0], "std": [1, 1, 1],
 *   "resize": "bilinear",
 *   "features-output": 0,
 *   "logits-output": 1
 * }
 * }</pre>
 *
 * <p>gen4j's pixels are in [-1, 1]. A pixel {@code v} becomes {@code lo + (v + 1) / 2 * (hi -
 * lo)} for {@code range: [lo, hi]}, then {@code (that - mean[c]) / std[c]}. Images of another size
 * are resized as {@code torch.nn.functional.interpolate} does with {@code align_corners=False}
 * ({@code bilinear}, pytorch-fid's choice, or {@code nearest}); {@code none} refuses them. A grey
 * image is repeated to 3 channels when the network takes colour. The outputs are named by their
 * index in the network's outputs or by name; features of shape {@code (N, F, 1, 1)} are
 * flattened. Without {@code logits-output} the network gives features only.
 *
 * @param id the identifier recorded with every score
 * @param channels the network's input channels
 * @param height the network's input height
 * @param width the network's input width
 * @param rangeMin the value of a pixel at -1
 * @param rangeMax the value of a pixel at 1
 * @param mean per channel, subtracted after the range mapping
 * @param std per channel, divided by after the mean
 * @param resize how images of another size are brought to the input size
 * @param featuresOutput the index or name of the feature output
 * @param logitsOutput the index or name of the logits output, or null
 */
public record InputContract(String id, int channels, int height, int width, double rangeMin,
        double rangeMax, double[] mean, double[] std, Resize resize, String featuresOutput,
        String logitsOutput) {

    /** The option naming the sidecar file. */
    public static final String CONTRACT = "contract";

    /** Every key of a sidecar or of the options, besides {@code file} and {@code contract}. */
    public static final Set<String> KEYS = Set.of("id", "channels", "height", "width", "size",
            "range", "mean", "std", "resize", "features-output", "logits-output");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** How images of another size than the input are brought to it. */
    public enum Resize {
        /** Bilinear, {@code align_corners=False}, no antialiasing (pytorch-fid's resize). */
        BILINEAR,
        /** Nearest neighbour, as {@code mode='nearest'}. */
        NEAREST,
        /** No resizing: other sizes are refused. */
        NONE;

        /** The name in a sidecar. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the values. */
    public InputContract {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("the input size must be positive, got (" + channels
                    + ", " + height + ", " + width + ")");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The per-channel means, a copy: the record's own array cannot be changed from outside. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviations, a copy. */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** The network's input shape {@code (C, H, W)}. */
    public Shape inputShape() {
        return new Shape(channels, height, width);
    }

    /** The contract as the sidecar's keys, for {@code evaluation.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("channels", channels);
        m.put("height", height);
        m.put("width", width);
        m.put("range", List.of(rangeMin, rangeMax));
        m.put("mean", Arrays.stream(mean).boxed().toList());
        m.put("std", Arrays.stream(std).boxed().toList());
        m.put("resize", resize.key());
        m.put("features-output", featuresOutput);
        if (logitsOutput != null) {
            m.put("logits-output", logitsOutput);
        }
        return m;
    }

    /**
     * The contract of a network file: its sidecar (the option {@code contract}, else {@code
     * FILE.json} when it exists), overridden by the options.
     *
     * @param networkFile the network's file, whose name is the default id
     * @param options the options; {@code file} and {@code contract} are read elsewhere or here
     * @throws IllegalArgumentException naming the sidecar or option that is missing or wrong
     */
    public static InputContract of(Path networkFile, Options options) {
        String named = options.getString(CONTRACT, null);
        Path sidecar = named != null ? Path.of(named)
                : networkFile.resolveSibling(networkFile.getFileName() + ".json");
        Map<String, Object> merged = new LinkedHashMap<>();
        String source;
        if (named != null || Files.isRegularFile(sidecar)) {
            merged.putAll(readSidecar(sidecar));
            source = options.owner() + " (sidecar " + sidecar + " and options)";
        } else {
            source = options.owner() + " (no sidecar " + sidecar + "; options only)";
        }
        for (String key : KEYS) {
            if (options.has(key)) {
                merged.put(key, options.getString(key, null));
            }
        }
        return parse(new Options(source, merged), networkFile);
    }

    private static Map<String, Object> readSidecar(Path sidecar) {
        String text;
        try {
            text = Files.readString(sidecar);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the input contract " + sidecar + " does not"
                    + " exist; write one (see evaluation/README.md) or give the keys as options",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the input contract " + sidecar + ": "
                    + e.getMessage(), e);
        }
        Map<String, Object> map;
        try {
            map = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the input contract " + sidecar + " is not a JSON"
                    + " object of the keys " + new java.util.TreeSet<>(KEYS) + ": "
                    + e.getOriginalMessage(), e);
        }
        if (map == null) {
            throw new IllegalArgumentException("the input contract " + sidecar + " is empty");
        }
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("the input contract " + sidecar + " has the"
                        + " unknown key '" + key + "'; known keys: "
                        + new java.util.TreeSet<>(KEYS));
            }
        }
        return map;
    }

    private static InputContract parse(Options o, Path networkFile) {
        String base = networkFile.getFileName().toString();
        String id = o.getString("id", base.contains(".") ? base.substring(0, base.lastIndexOf('.'))
                : base);
        if (id.isBlank()) {
            throw new IllegalArgumentException(o.owner() + ": option 'id' is blank");
        }
        int channels = o.getInt("channels", -1, 1, 4096);
        int height;
        int width;
        if (o.has("size")) {
            if (o.has("height") || o.has("width")) {
                throw new IllegalArgumentException(o.owner() + ": give 'size' or 'height' and"
                        + " 'width', not both");
            }
            height = o.getInt("size", -1, 1, 65536);
            width = height;
        } else {
            height = o.getInt("height", -1, 1, 65536);
            width = o.getInt("width", -1, 1, 65536);
        }
        List<String> missing = new ArrayList<>();
        if (channels < 0) {
            missing.add("channels");
        }
        if (height < 0) {
            missing.add("height (or size)");
        }
        if (width < 0) {
            missing.add("width (or size)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(o.owner() + ": the input contract lacks "
                    + String.join(", ", missing) + "; declare the network's input in its"
                    + " sidecar or as options");
        }
        double[] range = doubles(o, "range", new double[] {-1, 1}, 2, 2);
        if (!(range[0] < range[1])) {
            throw new IllegalArgumentException(o.owner() + ": 'range' must be [lo, hi] with lo <"
                    + " hi, got " + Arrays.toString(range));
        }
        double[] mean = perChannel(o, "mean", 0, channels);
        double[] std = perChannel(o, "std", 1, channels);
        for (double s : std) {
            if (!(s > 0) || Float.isInfinite((float) (1 / s))) {
                throw new IllegalArgumentException(o.owner() + ": every 'std' must be a positive"
                        + " number whose inverse is finite in float32, got "
                        + Arrays.toString(std));
            }
        }
        String resize = o.getChoice("resize", Resize.BILINEAR.key(),
                Set.of("bilinear", "nearest", "none"));
        String features = o.getString("features-output", "0");
        String logits = o.getString("logits-output", null);
        o.checkAllUsed();
        return new InputContract(id, channels, height, width, range[0], range[1], mean, std,
                Resize.valueOf(resize.toUpperCase(Locale.ROOT)), output(features),
                logits == null ? null : output(logits));
    }

    private static String output(String raw) {
        String s = raw.trim();
        // A JSON number read as a double prints as "1.0": keep it an index.
        return s.matches("\\d+\\.0") ? s.substring(0, s.length() - 2) : s;
    }

    private static double[] perChannel(Options o, String key, double fill, int channels) {
        double[] v = doubles(o, key, new double[] {fill}, 1, channels);
        if (v.length == 1) {
            double[] all = new double[channels];
            Arrays.fill(all, v[0]);
            return all;
        }
        if (v.length != channels) {
            throw new IllegalArgumentException(o.owner() + ": '" + key + "' needs one value or "
                    + channels + " (one per channel), got " + v.length);
        }
        return v;
    }

    private static double[] doubles(Options o, String key, double[] fallback, int min, int max) {
        if (!o.has(key)) {
            o.getString(key, null);
            return fallback;
        }
        Object raw = o.asMap().get(key);
        o.getString(key, null);
        List<?> items;
        if (raw instanceof List<?> list) {
            items = list;
        } else {
            String s = raw.toString().trim().replaceAll("^\\[|\\]$", "");
            items = s.isEmpty() ? List.of() : List.of(s.split(","));
        }
        if (items.size() < min || items.size() > max) {
            throw new IllegalArgumentException(o.owner() + ": '" + key + "' needs "
                    + (min == max ? min : min + " to " + max) + " numbers, got " + raw);
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object item = items.get(i);
            try {
                out[i] = item instanceof Number n ? n.doubleValue()
                        : Double.parseDouble(item.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(o.owner() + ": '" + key + "' must be numbers,"
                        + " got '" + item + "'", e);
            }
            if (!Double.isFinite(out[i]) || Float.isInfinite((float) out[i])) {
                throw new IllegalArgumentException(o.owner() + ": '" + key + "' must be finite in"
                        + " float32, got " + item);
            }
        }
        return out;
    }
}
