package org.gen4j.engine.pytorch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the archive that {@code torch.jit.save} would write for a module with no parameters,
 * buffers or attributes, so that libtorch can load TorchScript source without Python.
 *
 * <p>The archive is a zip whose entries sit in one folder: {@code code/__torch__.py} (the class's
 * TorchScript source, compiled at load), {@code data.pkl} (the module object: a pickle of the
 * class with an empty attribute dictionary), {@code constants.pkl} (an empty tuple) and {@code
 * version} (3, the file format a current {@code torch.jit.save} writes for code without versioned
 * operators). Entries are stored uncompressed, as {@code torch.jit.save} stores them.
 */
final class TorchScriptArchive {

    private static final int PROTO = 0x80;
    private static final int GLOBAL = 'c';
    private static final int EMPTY_TUPLE = ')';
    private static final int NEWOBJ = 0x81;
    private static final int EMPTY_DICT = '}';
    private static final int BUILD = 'b';
    private static final int STOP = '.';

    private TorchScriptArchive() {}

    /**
     * The archive of one module class.
     *
     * @param folder the folder inside the zip (any identifier)
     * @param className the class defined in {@code source}, which must extend {@code Module} and
     *     declare no attributes
     * @param source TorchScript source in the form {@code torch.jit.save} writes to {@code
     *     code/__torch__.py}
     * @return the bytes of the zip
     */
    static byte[] module(String folder, String className, String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, folder + "/data.pkl", moduleObject(className));
            put(zip, folder + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            put(zip, folder + "/constants.pkl", new byte[] {(byte) PROTO, 2, EMPTY_TUPLE, STOP});
            put(zip, folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Pickle protocol 2 of {@code __torch__.<className>()} with no attributes set. */
    private static byte[] moduleObject(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PROTO);
        out.write(2);
        out.write(GLOBAL);
        out.writeBytes(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(EMPTY_TUPLE);
        out.write(NEWOBJ);
        out.write(EMPTY_DICT);
        out.write(BUILD);
        out.write(STOP);
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
