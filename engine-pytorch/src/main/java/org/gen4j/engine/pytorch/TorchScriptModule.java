package org.gen4j.engine.pytorch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A TorchScript module compiled from source on first use ({@link TorchScriptArchive}) and kept
 * for the life of the JVM: the module is a compiled method with no tensors, and its manager is
 * never closed, as the engine itself is not.
 */
final class TorchScriptModule {

    private final String folder;
    private final String className;
    private final String source;
    private final String purpose;
    private volatile PtSymbolBlock module;

    /**
     * @param folder the archive's folder, an identifier
     * @param className the module class that {@code source} defines
     * @param source the class's TorchScript, as {@code torch.jit.save} writes it
     * @param purpose what the module does, for the error if libtorch cannot load it
     */
    TorchScriptModule(String folder, String className, String source, String purpose) {
        this.folder = folder;
        this.className = className;
        this.source = source;
        this.purpose = purpose;
    }

    /** The loaded module. */
    PtSymbolBlock get() {
        PtSymbolBlock m = module;
        if (m == null) {
            synchronized (this) {
                m = module;
                if (m == null) {
                    m = load();
                    module = m;
                }
            }
        }
        return m;
    }

    private PtSymbolBlock load() {
        byte[] archive = TorchScriptArchive.module(folder, className, source);
        NDManager manager = Engine.getEngine(CreateGraphRoute.PYTORCH).newBaseManager();
        try (InputStream in = new ByteArrayInputStream(archive)) {
            return JniUtils.loadModule((PtNDManager) manager, in, false, false);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("could not read the in-memory TorchScript module", e);
        } catch (RuntimeException e) {
            manager.close();
            throw new IllegalStateException("libtorch could not load the TorchScript module that "
                    + purpose + " (it needs a libtorch with TorchScript, as the CPU and CUDA"
                    + " builds have)", e);
        }
    }
}
