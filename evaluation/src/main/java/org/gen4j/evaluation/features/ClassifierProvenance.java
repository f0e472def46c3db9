package org.gen4j.evaluation.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a classifier's weights come from, stored as JSON beside them: the data (with the SHA-256
 * of each file), the settings and seed, the engine, the test accuracy, and the SHA-256 of the
 * weights, which loading checks.
 *
 * @param format the format tag, {@value #FORMAT}
 * @param id the network's identifier, recorded with every metric computed with it
 * @param architecture the layers, {@link ClassifierNetwork#ARCHITECTURE}
 * @param inputShape the shape of one image, {@code [C, H, W]}
 * @param classCount the number of classes
 * @param featureSize the width of the feature layer
 * @param weightsFile the name of the parameter file, in the same folder
 * @param weightsSha256 the SHA-256 (hex) of the parameter file
 * @param weightsBytes the size of the parameter file
 * @param testAccuracy the accuracy on the whole test split
 * @param testLoss the mean cross-entropy on the test split
 * @param testImages the number of test images
 * @param trainImages the number of training images
 * @param data the data the network was trained and tested on
 * @param training the settings it was trained with
 * @param epochs what each epoch gave
 * @param engine the DJL engine that trained it
 * @param engineVersion that engine's version
 * @param djlVersion the DJL version
 * @param java the Java runtime version
 * @param threads the engine's thread setting ({@code OMP_NUM_THREADS} for MXNet, {@code
 *     ai.djl.pytorch.num_threads} for PyTorch); results can differ in the last bits with it
 * @param trainSeconds the wall-clock time of the training, not counting the final evaluation
 * @param command the command that trained it
 */
@JsonPropertyOrder(alphabetic = false)
public record ClassifierProvenance(
        @JsonProperty("format") String format,
        @JsonProperty("id") String id,
        @JsonProperty("architecture") String architecture,
        @JsonProperty("input-shape") long[] inputShape,
        @JsonProperty("class-count") int classCount,
        @JsonProperty("feature-size") int featureSize,
        @JsonProperty("weights-file") String weightsFile,
        @JsonProperty("weights-sha256") String weightsSha256,
        @JsonProperty("weights-bytes") long weightsBytes,
        @JsonProperty("test-accuracy") double testAccuracy,
        @JsonProperty("test-loss") double testLoss,
        @JsonProperty("test-images") int testImages,
        @JsonProperty("train-images") int trainImages,
        @JsonProperty("data") Data data,
        @JsonProperty("training") Training training,
        @JsonProperty("epochs") List<Epoch> epochs,
        @JsonProperty("engine") String engine,
        @JsonProperty("engine-version") String engineVersion,
        @JsonProperty("djl-version") String djlVersion,
        @JsonProperty("java") String java,
        @JsonProperty("threads") String threads,
        @JsonProperty("train-seconds") double trainSeconds,
        @JsonProperty("command") String command) {

    /** The current format tag. */
    public static final String FORMAT = "gen4j-classifier/1";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The data set.
     *
     * @param name what it is, for example {@code fashion-mnist}
     * @param folder the folder it was read from
     * @param files each file read, with its SHA-256
     */
    public record Data(
            @JsonProperty("name") String name,
            @JsonProperty("folder") String folder,
            @JsonProperty("files") List<DataFile> files) {}

    /**
     * One data file.
     *
     * @param name the file name
     * @param bytes its size
     * @param sha256 its SHA-256 (hex)
     */
    public record DataFile(
            @JsonProperty("name") String name,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256) {}

    /**
     * The training settings ({@link ClassifierTrainer.Settings}) and what they imply.
     *
     * @param seed the seed of the weights, the data order, dropout and augmentation
     * @param epochs the number of epochs
     * @param batchSize images per update
     * @param optimizer the optimizer and its constants
     * @param lr the learning rate of the first epoch
     * @param lrFinal the learning rate the cosine schedule ends at
     * @param lrSchedule how the learning rate changes
     * @param dropout the dropout probability before the last layer
     * @param augmentation the augmentation of training images
     * @param initialisation how the weights were initialised
     */
    public record Training(
            @JsonProperty("seed") long seed,
            @JsonProperty("epochs") int epochs,
            @JsonProperty("batch-size") int batchSize,
            @JsonProperty("optimizer") String optimizer,
            @JsonProperty("lr") double lr,
            @JsonProperty("lr-final") double lrFinal,
            @JsonProperty("lr-schedule") String lrSchedule,
            @JsonProperty("dropout") double dropout,
            @JsonProperty("augmentation") String augmentation,
            @JsonProperty("initialisation") String initialisation) {}

    /**
     * One epoch.
     *
     * @param epoch the epoch, from 1
     * @param lr its learning rate
     * @param trainLoss the mean training loss over its steps
     * @param testAccuracy the test accuracy after it
     * @param seconds its training time
     */
    public record Epoch(
            @JsonProperty("epoch") int epoch,
            @JsonProperty("lr") double lr,
            @JsonProperty("train-loss") double trainLoss,
            @JsonProperty("test-accuracy") double testAccuracy,
            @JsonProperty("seconds") double seconds) {}

    /** This record as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write provenance as JSON", e);
        }
    }

    /**
     * Reads and checks a provenance file.
     *
     * @param in the JSON
     * @param source the file or resource name, for messages
     * @throws IllegalArgumentException if it is not a readable classifier provenance of this format
     */
    public static ClassifierProvenance read(InputStream in, String source) {
        ClassifierProvenance p;
        try {
            p = JSON.readValue(in, ClassifierProvenance.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not a readable classifier "
                    + "provenance: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(p.format())) {
            throw new IllegalArgumentException(source + " has format '" + p.format()
                    + "', expected '" + FORMAT + "'");
        }
        if (p.inputShape() == null || p.weightsSha256() == null || p.id() == null) {
            throw new IllegalArgumentException(source + " lacks id, input-shape or "
                    + "weights-sha256");
        }
        return p;
    }
}
