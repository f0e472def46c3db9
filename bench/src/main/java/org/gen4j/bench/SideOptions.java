package org.gen4j.bench;

import java.util.List;
import picocli.CommandLine.Option;

/** The seeds, engines and Python of a side-by-side benchmark: a picocli mixin. */
final class SideOptions {
    @Option(names = "--seeds", defaultValue = "1", split = ",", description = "Training seeds;"
            + " each side trains once per seed.")
    List<Long> seeds;

    @Option(names = "--engines", defaultValue = "MXNet,PyTorch", split = ",")
    List<String> engines;

    @Option(names = "--python", defaultValue = "/usr/bin/python3") String python;
}
