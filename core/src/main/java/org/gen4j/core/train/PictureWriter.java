package org.gen4j.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.image.ImageGrid;
import org.gen4j.core.image.ScatterPlot;
import org.gen4j.core.procedure.Picture;

/**
 * Writes a procedure's epoch pictures into a run's {@code samples/} folder: grids of images as
 * PNG (scaled up twice below 48 pixels), and 2-D points as scatter plots, with the mixture's
 * centres and range when the data is a Gaussian mixture.
 */
final class PictureWriter {

    private final Path folder;
    private final SampleSet data;

    PictureWriter(Path runDir, SampleSet data) {
        this.folder = runDir.resolve("samples");
        this.data = data;
    }

    /** The file a picture of an epoch is written to. */
    Path file(Picture picture, int epoch) {
        String stem = picture.name().equals(Picture.SAMPLES) ? "" : picture.name() + "-";
        return folder.resolve(String.format("%sepoch-%03d.png", stem, epoch));
    }

    /** Writes every picture of an epoch and returns the files, main picture first. */
    List<Path> write(List<Picture> pictures, int epoch) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (Picture p : pictures) {
            Path file = file(p, epoch);
            if (p.isPoints()) {
                points(p, epoch, file);
            } else {
                int c = Math.toIntExact(p.sampleShape().get(0));
                int h = Math.toIntExact(p.sampleShape().get(1));
                int w = Math.toIntExact(p.sampleShape().get(2));
                ImageGrid.Builder b = ImageGrid.builder().optScale(h < 48 ? 2 : 1);
                if (p.columns() > 0) {
                    b.optColumns(p.columns());
                }
                b.build().writePng(p.values(), p.count(), c, h, w, file);
            }
            files.add(file);
        }
        return files;
    }

    private void points(Picture p, int epoch, Path file) throws IOException {
        ScatterPlot.Builder b = ScatterPlot.builder().optTitle("epoch " + epoch);
        if (data instanceof GaussianMixture mix && p.sampleShape().get(0) == 2) {
            double[][] c = mix.centers();
            float[] flat = new float[c.length * 2];
            double extent = 0;
            for (int i = 0; i < c.length; i++) {
                flat[2 * i] = (float) c[i][0];
                flat[2 * i + 1] = (float) c[i][1];
                extent = Math.max(extent, Math.max(Math.abs(c[i][0]), Math.abs(c[i][1])));
            }
            extent += 1;
            b.optCentres(flat).optRange(-extent, extent, -extent, extent);
        }
        b.build().writePng(p.values(), file);
    }
}
