package org.gen4j.core.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.engine.HostArrays;

/**
 * Differentiable augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient
 * GAN Training", <a href="https://arxiv.org/abs/2006.10738">arXiv:2006.10738</a>): the same kind
 * of random transform applied to real and generated images before the discriminator, written in
 * differentiable array operations so that the generator's gradient passes through it.
 *
 * <p>The transforms, as in the paper's reference code, on images of shape {@code (B, C, H, W)}:
 *
 * <ul>
 *   <li>{@code color}: brightness {@code x + (u - 0.5)}, saturation {@code (x - mean_c) * 2u +
 *       mean_c} (channel mean per pixel; the identity for one channel) and contrast {@code (x -
 *       mean) * (u + 0.5) + mean} (mean per image), each {@code u ~ U(0, 1)} per image;
 *   <li>{@code translation}: a shift of up to 1/8 of the size in each direction (an integer in
 *       {@code [-s, s]}, {@code s = round(size / 8)}), filled with zeros; written as {@code Ty x
 *       Tx^T} with 0/1 shift matrices, so it is linear in x;
 *   <li>{@code cutout}: a square of half the size, centred at a uniform position and clipped at
 *       the border, set to zero.
 * </ul>
 *
 * <p>Every random number comes from the {@link RandomStream} given to {@link #apply}, so the same
 * stream state gives the same transform whatever the images, and a resumed run draws what a
 * straight run would.
 */
public final class DiffAugment {

    /** One transform. */
    public enum Transform {
        /** Brightness, saturation and contrast. */
        COLOR,
        /** A random shift with zero fill. */
        TRANSLATION,
        /** A random square set to zero. */
        CUTOUT;

        /** The name in specs. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The spec key {@code diff-augment}: the transforms; empty (the default) for none. */
    public static final SpecKey<List<String>> KEY = SpecKey.custom("diff-augment", List.of(),
            "a list of color, translation, cutout", DiffAugment::bind,
            "DiffAugment (Zhao et al. 2020) on every image the discriminator sees, real and"
                    + " generated: a list of color, translation, cutout, or one text such as"
                    + " 'color,translation,cutout'; empty: none");

    private static final double TRANSLATION_RATIO = 0.125;
    private static final double CUTOUT_RATIO = 0.5;

    private final EnumSet<Transform> transforms;

    private DiffAugment(EnumSet<Transform> transforms) {
        this.transforms = transforms;
    }

    /**
     * The augmentation of a policy.
     *
     * @param policy transform names: {@code color}, {@code translation}, {@code cutout}
     * @throws IllegalArgumentException naming an unknown transform and the known ones
     */
    public static DiffAugment of(List<String> policy) {
        EnumSet<Transform> set = EnumSet.noneOf(Transform.class);
        for (String p : policy) {
            set.add(parse(p));
        }
        return new DiffAugment(set);
    }

    /** Whether it transforms anything. */
    public boolean isEmpty() {
        return transforms.isEmpty();
    }

    /** The transforms, in the order they apply. */
    public Set<Transform> transforms() {
        return EnumSet.copyOf(transforms);
    }

    /**
     * Augments a batch; the result is in the images' manager.
     *
     * @param images {@code (B, C, H, W)}
     * @param random the stream the transform's parameters are drawn from
     * @throws IllegalArgumentException if the images are not a 4-D batch
     */
    public NDArray apply(NDArray images, RandomStream random) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("DiffAugment transforms images (B, C, H, W), got"
                    + " shape " + s);
        }
        int b = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDManager m = images.getManager();
        NDArray x = images;
        if (transforms.contains(Transform.COLOR)) {
            x = x.add(perImage(m, uniform(random, b, -0.5f, 1f), b));
            NDArray u = perImage(m, uniform(random, b, 0f, 2f), b);
            NDArray mean = x.mean(new int[] {1}, true);
            x = x.sub(mean).mul(u).add(mean);
            u = perImage(m, uniform(random, b, 0.5f, 1f), b);
            // One axis at a time: PyTorch's engine takes one axis per mean.
            mean = x.reshape(b, -1).mean(new int[] {1}, true).reshape(b, 1, 1, 1);
            x = x.sub(mean).mul(u).add(mean);
        }
        if (transforms.contains(Transform.TRANSLATION)) {
            int sy = (int) (h * TRANSLATION_RATIO + 0.5);
            int sx = (int) (w * TRANSLATION_RATIO + 0.5);
            int[] ty = new int[b];
            int[] tx = new int[b];
            for (int i = 0; i < b; i++) {
                ty[i] = random.nextInt(2 * sy + 1) - sy;
                tx[i] = random.nextInt(2 * sx + 1) - sx;
            }
            long c = s.get(1);
            NDArray rows = shifts(m, ty, h, c);
            NDArray cols = shifts(m, tx, w, c).transpose(0, 1, 3, 2);
            x = rows.matMul(x).matMul(cols);
        }
        if (transforms.contains(Transform.CUTOUT)) {
            x = x.mul(HostArrays.create(m, cutoutMask(random, b, h, w), new Shape(b, 1, h, w)));
        }
        return x;
    }

    /**
     * The 0/1 shift matrices {@code (B, C, n, n)}: row i has its one at column {@code i + t}
     * when that is inside the image, so that {@code T x} reads row {@code i + t} into row i.
     */
    private static NDArray shifts(NDManager m, int[] t, int n, long channels) {
        float[] a = new float[t.length * n * n];
        for (int k = 0; k < t.length; k++) {
            for (int i = 0; i < n; i++) {
                int j = i + t[k];
                if (j >= 0 && j < n) {
                    a[(k * n + i) * n + j] = 1f;
                }
            }
        }
        NDArray one = HostArrays.create(m, a, new Shape(t.length, 1, n, n));
        return channels == 1 ? one : one.repeat(1, channels);
    }

    private static float[] cutoutMask(RandomStream random, int b, int h, int w) {
        int ch = (int) (h * CUTOUT_RATIO + 0.5);
        int cw = (int) (w * CUTOUT_RATIO + 0.5);
        float[] mask = new float[b * h * w];
        java.util.Arrays.fill(mask, 1f);
        for (int k = 0; k < b; k++) {
            int oy = random.nextInt(h + (1 - ch % 2)) - ch / 2;
            int ox = random.nextInt(w + (1 - cw % 2)) - cw / 2;
            for (int i = Math.max(0, oy); i < Math.min(h, oy + ch); i++) {
                for (int j = Math.max(0, ox); j < Math.min(w, ox + cw); j++) {
                    mask[(k * h + i) * w + j] = 0f;
                }
            }
        }
        return mask;
    }

    private static float[] uniform(RandomStream random, int n, float offset, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = offset + scale * random.nextFloat();
        }
        return v;
    }

    private static NDArray perImage(NDManager m, float[] v, int b) {
        return HostArrays.create(m, v, new Shape(b, 1, 1, 1));
    }

    private static Transform parse(String name) {
        for (Transform t : Transform.values()) {
            if (t.spelling().equals(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("diff-augment has no transform '" + name
                + "'; it knows color, translation, cutout");
    }

    private static List<String> bind(JsonNode n) {
        List<String> names = new ArrayList<>();
        if (n.isTextual()) {
            for (String p : n.asText().split(",")) {
                if (!p.isBlank()) {
                    names.add(p.trim());
                }
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    throw new IllegalArgumentException("diff-augment must list transform names,"
                            + " got " + e);
                }
                names.add(e.asText().trim());
            }
        } else {
            throw new IllegalArgumentException("diff-augment must be a list of color,"
                    + " translation, cutout, got " + n);
        }
        for (String p : names) {
            parse(p);
        }
        return List.copyOf(names);
    }
}
