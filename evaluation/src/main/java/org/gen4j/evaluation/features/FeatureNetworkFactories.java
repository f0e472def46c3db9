package org.gen4j.evaluation.features;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.gen4j.core.util.Options;

/**
 * The feature networks of this module, as the evaluation plugin registers them:
 *
 * <ul>
 *   <li>{@code fashion-mnist-classifier}: the shipped classifier, no options;
 *   <li>{@code classifier}: a classifier written by {@code gen4j train-classifier} (option {@code
 *       file}, its {@code .params}; the {@code .json} beside it);
 *   <li>{@code onnx}: an ONNX model on DJL's ONNX Runtime engine;
 *   <li>{@code torchscript}: a TorchScript module on DJL's PyTorch engine.
 * </ul>
 *
 * <p>The last two take the option {@code file}, the option {@code contract} (the sidecar; by
 * default {@code FILE.json}) and the keys of an {@link InputContract}, which override the
 * sidecar's.
 */
public final class FeatureNetworkFactories {

    private FeatureNetworkFactories() {}

    /** Every factory, in a stable order. */
    public static List<FeatureNetworkFactory> all() {
        return List.of(
                of(FashionMnistClassifier.ID, "The classifier gen4j ships for (1, 28, 28)"
                        + " Fashion-MNIST images: 128 features, 10 classes", Set.of(),
                        o -> {
                            o.checkAllUsed();
                            return FashionMnistClassifier.load();
                        }),
                of("classifier", "A classifier made by gen4j train-classifier, at the size"
                        + " and colour of its data; option file (its .params)", Set.of(".params"),
                        o -> {
                            Path file = file(o);
                            o.checkAllUsed();
                            return FashionMnistClassifier.load(file);
                        }),
                of("onnx", "An ONNX model on the ONNX Runtime engine; option file, and the input"
                        + " contract in FILE.json or as options", Set.of(".onnx"),
                        o -> fromFile(o, ModelFileFeatureNetwork.Format.ONNX)),
                of("torchscript", "A TorchScript module on the PyTorch engine; option file, and"
                        + " the input contract in FILE.json or as options",
                        Set.of(".pt", ".pth", ".ts", ".torchscript"),
                        o -> fromFile(o, ModelFileFeatureNetwork.Format.TORCHSCRIPT)));
    }

    private static FeatureNetwork fromFile(Options o, ModelFileFeatureNetwork.Format format) {
        Path file = file(o);
        ModelFileFeatureNetwork.checkFile(file);
        InputContract contract = InputContract.of(file, o);
        o.checkAllUsed();
        return ModelFileFeatureNetwork.load(file, format, contract);
    }

    private static Path file(Options o) {
        String file = o.getString(FeatureNetworkFactory.FILE, null);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException(o.owner() + ": option 'file' is required: the"
                    + " network's file");
        }
        return Path.of(file);
    }

    private static FeatureNetworkFactory of(String name, String description,
            Set<String> extensions, Function<Options, FeatureNetwork> create) {
        return new Simple(name, description, extensions, create);
    }

    private record Simple(String name, String description, Set<String> fileExtensions,
            Function<Options, FeatureNetwork> create) implements FeatureNetworkFactory {

        Simple {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(description, "description is null");
        }

        @Override
        public FeatureNetwork create(Options options) {
            return create.apply(Objects.requireNonNull(options, "options is null"));
        }
    }
}
