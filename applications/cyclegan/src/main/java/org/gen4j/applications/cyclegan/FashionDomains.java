package org.gen4j.applications.cyclegan;

import java.util.stream.IntStream;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.data.SampleSubset;
import org.gen4j.core.data.UnpairedImageSet;
import org.gen4j.core.util.Options;

/**
 * The {@value #NAME} data set: two Fashion-MNIST classes as two unpaired domains, the images
 * of class {@code a} (default 7, sneaker) as domain A and those of class {@code b} (default 9,
 * ankle boot) as domain B, with the pairs of each epoch drawn as {@link UnpairedImageSet} does.
 * Options: {@code a}, {@code b} (class indices 0 to 9: T-shirt/top, trouser, pullover, dress,
 * coat, sandal, shirt, sneaker, bag, ankle boot), and {@code source}, {@code split}, {@code path}
 * of {@link FashionMnist#fromOptions}.
 */
final class FashionDomains implements DatasetFactory {

    static final String NAME = "fashion-domains";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "two Fashion-MNIST classes as unpaired domains A and B (options a, b: class"
                + " indices, default 7 sneaker and 9 ankle boot; source, split, path)";
    }

    @Override
    public SampleSet load(Options options, long seed) {
        int a = options.getInt("a", 7, 0, 9);
        int b = options.getInt("b", 9, 0, 9);
        if (a == b) {
            throw new IllegalArgumentException(NAME + ": the domains need two different classes,"
                    + " got a = b = " + a);
        }
        IdxDataset items = FashionMnist.fromOptions(options);
        options.checkAllUsed();
        SampleSet first = ofClass(items, a);
        SampleSet second = ofClass(items, b);
        return new UnpairedImageSet(first, second, seed, NAME + " (classes " + a + " -> " + b
                + " of " + items.description() + ", " + first.size() + " and " + second.size()
                + " images)");
    }

    static SampleSet ofClass(IdxDataset items, int label) {
        int[] indexes = IntStream.range(0, items.size()).filter(i -> items.label(i) == label)
                .toArray();
        return new SampleSubset(items, indexes, "class " + label + " of " + items.description());
    }

}
