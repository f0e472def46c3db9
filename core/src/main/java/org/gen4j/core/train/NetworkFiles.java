package org.gen4j.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.util.AtomicFiles;
import org.gen4j.core.engine.HostArrays;

/**
 * Reads and writes the files of a checkpoint: a block's parameters (DJL's format, which either
 * engine loads), an optimizer's state, and NDLists; every write is atomic, every failed read
 * names the file.
 */
final class NetworkFiles {

    private NetworkFiles() {}

    static void saveBlock(Block block, Path file) throws IOException {
        AtomicFiles.write(file, out -> block.saveParameters(new DataOutputStream(out)));
    }

    static void loadBlock(Block block, NDManager manager, Path file, String what)
            throws IOException {
        try {
            HostArrays.loadParameters(block, manager, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing: the checkpoint has no parameters of the "
                    + what, e);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(file + " does not hold this " + what + "'s parameters: "
                    + e.getMessage(), e);
        }
    }

    static void saveOptimizer(Optimizer optimizer, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream dos = new DataOutputStream(out);
            optimizer.save(dos);
            dos.flush();
        });
    }

    static void loadOptimizer(Optimizer optimizer, Path file, List<NamedParameter> params)
            throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            optimizer.load(new DataInputStream(in), params);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static void saveArrays(NDList arrays, Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(arrays.encode()));
    }

    static NDList loadArrays(NDManager manager, Path file) throws IOException {
        try {
            return HostArrays.decodeList(manager, Files.readAllBytes(file));
        } catch (RuntimeException e) {
            throw new IOException(file + " does not hold gen4j procedure arrays: "
                    + e.getMessage(), e);
        }
    }
}
