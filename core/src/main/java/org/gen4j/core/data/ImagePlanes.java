package org.gen4j.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Image files as unsigned-byte planes for {@link ImageFolderDataset}: reading PNG and JPEG, grey
 * and RGB conversion, and resizing plane by plane.
 */
final class ImagePlanes {

    private ImagePlanes() {}

    static BufferedImage read(Path f) {
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataException(
                    f + ": cannot read the image (" + e.getMessage() + "); accepted are readable "
                            + "PNG and JPEG files", e);
        }
        if (img == null) {
            throw new DataException(
                    f + ": not a readable image (no image reader recognised the content); accepted "
                            + "are PNG and JPEG files");
        }
        return img;
    }

    static boolean isGrey(BufferedImage img) {
        return img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /** The image as unsigned-byte planes, {@code (c, H, W)}, converting grey and RGB as needed. */
    static byte[] toPlanes(BufferedImage img, int c) {
        int h = img.getHeight();
        int w = img.getWidth();
        int n = h * w;
        byte[] out = new byte[c * n];
        if (isGrey(img)) {
            // Read grey samples from the raster: getRGB would pass them through a linear-grey to
            // sRGB conversion and brighten them.
            Raster r = img.getRaster();
            int bits = img.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int s = r.getSample(x, y, 0);
                    int v = bits == 8 ? s : (int) Math.round(s * 255.0 / max);
                    for (int ch = 0; ch < c; ch++) {
                        out[ch * n + y * w + x] = (byte) v;
                    }
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int red = (rgb >> 16) & 0xFF;
                int green = (rgb >> 8) & 0xFF;
                int blue = rgb & 0xFF;
                int i = y * w + x;
                if (c == 1) {
                    out[i] = (byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
                } else {
                    out[i] = (byte) red;
                    out[n + i] = (byte) green;
                    out[2 * n + i] = (byte) blue;
                }
            }
        }
        return out;
    }

    /**
     * Scales each plane to {@code th x tw} with Graphics2D bilinear interpolation, one grey plane
     * at a time so that no colour management touches the values.
     */
    static byte[] resizePlanes(byte[] planes, int c, int h, int w, int th, int tw) {
        byte[] out = new byte[c * th * tw];
        for (int ch = 0; ch < c; ch++) {
            BufferedImage plane = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            plane.getRaster().setDataElements(0, 0, w, h,
                    Arrays.copyOfRange(planes, ch * h * w, (ch + 1) * h * w));
            BufferedImage scaled = scale(plane, th, tw);
            byte[] data = (byte[]) scaled.getRaster().getDataElements(0, 0, tw, th, null);
            System.arraycopy(data, 0, out, ch * th * tw, th * tw);
        }
        return out;
    }

    private static BufferedImage scale(BufferedImage src, int th, int tw) {
        BufferedImage current = src;
        int h = src.getHeight();
        int w = src.getWidth();
        // Bilinear reads only 2x2 neighbours: halve in steps so that a large reduction still
        // averages every source pixel.
        while (h / 2 >= th || w / 2 >= tw) {
            int nh = h / 2 >= th ? h / 2 : h;
            int nw = w / 2 >= tw ? w / 2 : w;
            current = draw(current, nh, nw);
            h = nh;
            w = nw;
        }
        return h == th && w == tw ? current : draw(current, th, tw);
    }

    private static BufferedImage draw(BufferedImage src, int h, int w) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }
}
