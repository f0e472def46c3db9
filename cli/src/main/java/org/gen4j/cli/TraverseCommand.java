package org.gen4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gen4j.core.procedure.LatentCodes;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j traverse}: one code of a model with latent codes (InfoGAN) varied along each row
 * while the noise and the other codes of the row stay fixed.
 */
@Command(name = "traverse", mixinStandardHelpOptions = true,
        description = "Write a grid whose columns vary one latent code (InfoGAN's category or a"
                + " continuous code) while each row keeps its noise and other codes.")
final class TraverseCommand implements Callable<Integer> {

    @Mixin
    EngineOption engine;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "A run folder (its newest checkpoint) or a checkpoint folder.")
    Path run;

    @Option(names = "--code", paramLabel = "NAME", description = "The code to vary (default: the"
            + " first; the model's codes are listed when the name is unknown).")
    String code;

    @Option(names = "--rows", defaultValue = "8", description = "Rows, each with its own noise"
            + " and other codes (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--steps", defaultValue = "10", description = "Values of a continuous code"
            + " per row, ends included (default ${DEFAULT-VALUE}); a categorical code shows each"
            + " of its values.")
    int steps;

    @Option(names = "--range", paramLabel = "R", description = "A continuous code runs from -R"
            + " to R (default: the range it is drawn from; InfoGAN's paper shows 2 to go past"
            + " it).")
    Double range;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the rows' noise and"
            + " codes.")
    long seed;

    @Option(names = "--out", defaultValue = "traversal.png", paramLabel = "FILE.png",
            description = "Output PNG (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.checkFile("--out", out, ".png");
        if (rows < 1 || rows > 256) {
            throw new IllegalArgumentException("--rows must be in [1, 256], got " + rows);
        }
        if (steps < 2 || steps > 256) {
            throw new IllegalArgumentException("--steps must be in [2, 256], got " + steps);
        }
        if (range != null && !(range > 0 && range <= 1e3)) {
            throw new IllegalArgumentException("--range must be in (0, 1000], got " + range);
        }
        engine.apply();
        try (TrainedModel g = TrainedModel.load(run, Gen4j.registry())) {
            List<LatentCodes.Code> codes = g.procedure() instanceof LatentCodes c ? c.codes()
                    : List.of();
            if (codes.isEmpty() || g.latent().isEmpty()) {
                throw new IllegalArgumentException("traverse needs a model with latent codes"
                        + " (infogan); the procedure " + g.spec().procedure() + " of " + run
                        + " has none (for a walk through its latent space use interpolate)");
            }
            if (g.sampleShape().dimension() != 3) {
                throw new IllegalArgumentException("traverse works on image models; the model of "
                        + run + " makes samples of shape " + g.sampleShape());
            }
            LatentCodes.Code chosen = pick(codes);
            LatentGenerator latent = g.latent().get();
            int d = latent.latentSize();
            float[] base = latent.draw(new RandomStream(seed), rows);
            int columns = chosen.categorical() ? chosen.size() : steps;
            float[] z = new float[rows * columns * d];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < columns; k++) {
                    int at = (r * columns + k) * d;
                    System.arraycopy(base, r * d, z, at, d);
                    if (chosen.categorical()) {
                        for (int j = 0; j < chosen.size(); j++) {
                            z[at + chosen.offset() + j] = j == k ? 1f : 0f;
                        }
                    } else {
                        double lo = range == null ? chosen.min() : -range;
                        double hi = range == null ? chosen.max() : range;
                        z[at + chosen.offset()] = (float) (lo + (hi - lo) * k / (columns - 1));
                    }
                }
            }
            float[] x = g.generate(z, null, 256);
            RunData.writeGrid(x, rows * columns, g.sampleShape(), columns, out);
            System.err.println("traversal of " + chosen.name() + " (" + columns + " values per"
                    + " row): " + out.toAbsolutePath());
        }
        return 0;
    }

    private LatentCodes.Code pick(List<LatentCodes.Code> codes) {
        if (code == null) {
            return codes.get(0);
        }
        for (LatentCodes.Code c : codes) {
            if (c.name().equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--code " + code + ": the model's codes are "
                + codes.stream().map(LatentCodes.Code::name).toList());
    }
}
