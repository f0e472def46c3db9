package org.gen4j.evaluation.features;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;

/**
 * The feature-network plugin kind, and the lookup of a network by name or by file.
 *
 * <p>{@code gen4j list feature-networks} shows the registered ones. {@link #open} takes either a
 * name ({@code fashion-mnist-classifier}, {@code onnx}, ...) or the path of a network file, whose
 * extension chooses the factory: {@code .onnx} the ONNX Runtime engine, {@code .pt} (or {@code
 * .ts}, {@code .torchscript}) TorchScript on the PyTorch engine, {@code .params} a classifier
 * written by {@code gen4j train-classifier}.
 */
public final class FeatureNetworks {

    /** The plugin kind of feature networks. */
    public static final PluginKind<FeatureNetworkFactory> KIND =
            PluginKind.of("feature-network", "feature-networks", FeatureNetworkFactory.class);

    /** The network used when none is named: the shipped Fashion-MNIST classifier. */
    public static final String DEFAULT = FashionMnistClassifier.ID;

    private FeatureNetworks() {}

    /**
     * Opens a feature network.
     *
     * @param registry where the factories are registered
     * @param nameOrFile a registered name, or the path of a network file
     * @param options the network's options (for a file, the keys of its input contract)
     * @return a new network, which the caller closes
     * @throws IllegalArgumentException if the name is unknown and is not a file of a known kind
     */
    public static FeatureNetwork open(Registry registry, String nameOrFile,
            Map<String, ?> options) {
        Objects.requireNonNull(registry, "registry is null");
        Objects.requireNonNull(nameOrFile, "nameOrFile is null");
        Objects.requireNonNull(options, "options is null");
        Map<String, FeatureNetworkFactory> all = registry.all(KIND);
        FeatureNetworkFactory named = all.get(nameOrFile);
        if (named != null) {
            return named.create(new Options("feature network '" + nameOrFile + "'", options));
        }
        String lower = nameOrFile.toLowerCase(Locale.ROOT);
        TreeSet<String> extensions = new TreeSet<>();
        for (FeatureNetworkFactory f : all.values()) {
            for (String ext : f.fileExtensions()) {
                extensions.add(ext);
                if (lower.endsWith(ext)) {
                    Map<String, Object> withFile = new HashMap<>(options);
                    Object given = withFile.put(FeatureNetworkFactory.FILE, nameOrFile);
                    if (given != null && !given.toString().equals(nameOrFile)) {
                        throw new IllegalArgumentException("feature network " + nameOrFile
                                + " is a file, but the option file names another: " + given);
                    }
                    return f.create(new Options("feature network " + Path.of(nameOrFile)
                            .getFileName(), withFile));
                }
            }
        }
        throw new IllegalArgumentException("unknown feature network '" + nameOrFile + "': give"
                + " one of " + new TreeSet<>(all.keySet()) + " or the path of a network file ("
                + String.join(", ", extensions) + ")");
    }
}
