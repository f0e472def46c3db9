package org.gen4j.evaluation.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.gen4j.core.data.SampleSet;

/**
 * SHA-256 fingerprints, as lower-case hex, of what an evaluation compared against: raw bytes,
 * files (feature-network weights), float arrays and whole sample sets.
 *
 * <p>Floats are hashed as their IEEE-754 binary32 bits in little-endian order, so the same values
 * give the same hash on every platform. A sample set is hashed as the floats that
 * {@link SampleSet#copySample} serves (for images {@code v / 127.5 - 1}), sample after sample in
 * index order: the hash identifies the data and its order, not the file it came from.
 */
public final class Sha256 {

    private Sha256() {}

    /** The hash of {@code bytes}. */
    public static String ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes is null");
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hash of a file's content. */
    public static String ofFile(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                md.update(buffer, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The hash of floats as little-endian binary32. */
    public static String ofFloats(float[] values) {
        Objects.requireNonNull(values, "values is null");
        MessageDigest md = digest();
        update(md, values, values.length);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The hash of every sample of a set, as served by {@link SampleSet#copySample}, in order. */
    public static String ofSamples(SampleSet set) {
        Objects.requireNonNull(set, "sample set is null");
        MessageDigest md = digest();
        int per = Math.toIntExact(set.sampleShape().size());
        float[] sample = new float[per];
        for (int i = 0; i < set.size(); i++) {
            set.copySample(i, sample, 0);
            update(md, sample, per);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, float[] values, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) {
            if (!buffer.hasRemaining()) {
                md.update(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putFloat(values[i]);
        }
        md.update(buffer.array(), 0, buffer.position());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
