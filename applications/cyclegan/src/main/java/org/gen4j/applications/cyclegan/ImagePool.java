package org.gen4j.applications.cyclegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * CycleGAN's image pool (Shrivastava et al. 2017): a critic learns from generated images of
 * earlier steps as well as the newest. For each new image: while the pool has room it is kept and
 * shown; once full, with probability 1/2 a random pooled image is shown and replaced by the new
 * one, else the new one is shown. Its images and count are saved with every checkpoint.
 */
final class ImagePool {

    private final String name;
    private final int capacity;
    private final int per;
    private final float[] images;
    private int count;

    /**
     * A pool of {@code capacity} images of {@code per} values each; 0 shows every new image.
     *
     * @param name its key in the checkpoint, lower-kebab-case
     */
    ImagePool(String name, int capacity, int per) {
        this.name = name;
        this.capacity = capacity;
        this.per = per;
        this.images = new float[Math.multiplyExact(capacity, per)];
    }

    /** The images the critic sees for {@code n} new ones, drawing from {@code random}. */
    float[] query(float[] fresh, int n, RandomStream random) {
        if (capacity == 0) {
            return fresh;
        }
        float[] shown = new float[n * per];
        for (int i = 0; i < n; i++) {
            if (count < capacity) {
                System.arraycopy(fresh, i * per, images, count * per, per);
                count++;
                System.arraycopy(fresh, i * per, shown, i * per, per);
            } else if (random.nextDouble() < 0.5) {
                int j = random.nextInt(capacity);
                System.arraycopy(images, j * per, shown, i * per, per);
                System.arraycopy(fresh, i * per, images, j * per, per);
            } else {
                System.arraycopy(fresh, i * per, shown, i * per, per);
            }
        }
        return shown;
    }

    /** The number of pooled images. */
    int size() {
        return count;
    }

    void save(ProcedureState.Writer writer) {
        writer.put(name + "-count", count);
        if (count > 0) {
            try (NDManager m = NDManager.newBaseManager()) {
                writer.putArrays(name, new NDList(HostArrays.create(m,
                        Arrays.copyOf(images, count * per),
                        new Shape(count, per))));
            }
        }
    }

    void restore(ProcedureState.Reader reader) {
        int saved = reader.get(name + "-count").asInt();
        if (saved < 0 || saved > capacity) {
            throw new IllegalArgumentException("the image pool " + name + " of the checkpoint"
                    + " holds " + saved + " images, but this run's pool holds at most "
                    + capacity + "; resume with the same pool-size");
        }
        Arrays.fill(images, 0f);
        count = saved;
        if (saved > 0) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray a = reader.getArrays(name, m).singletonOrThrow();
                if (a.size() != (long) saved * per) {
                    throw new IllegalArgumentException("the image pool " + name + " of the"
                            + " checkpoint has " + a.getShape() + ", expected " + saved + " x "
                            + per);
                }
                System.arraycopy(a.toFloatArray(), 0, images, 0, saved * per);
            }
        }
    }
}
