package org.gen4j.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.gen4j.core.util.AtomicFiles;

/**
 * The metrics of a run, one CSV line per logged step, in {@value #FILE_NAME} in the run folder.
 *
 * <p>The file starts with the header {@code step,epoch,<name>,...}; each line then holds the
 * step, the epoch and one value per name. Each {@link #append} adds one line and closes the file,
 * so the file is complete after a crash up to, at worst, one partial last line, which reading
 * ignores and {@link #open} removes. Steps must increase from line to line.
 *
 * <p>On resume, open the log and call {@link #truncateAfter(long)} with the checkpoint's step, so
 * that the lines written after that checkpoint are not logged twice:
 *
 * <pre>{@code
 * MetricsLog log = MetricsLog.open(runDir, List.of("loss_d", "loss_g"));
 * log.truncateAfter(checkpoint.step());
 * ...
 * log.append(step, epoch, lossD, lossG);
 * }</pre>
 *
 * <p>Values that are exactly representable as a float (such as a float loss widened to double)
 * are written in float's shortest decimal form, so they read back as the same float; other
 * values are written in double's shortest form and read back exactly. NaN and infinities are
 * written as {@code NaN}, {@code Infinity} and {@code -Infinity}. Not thread-safe: one writer per
 * run folder.
 */
public final class MetricsLog {

    /** The name of the metrics file in a run folder. */
    public static final String FILE_NAME = "metrics.csv";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-/]+");

    private final Path file;
    private final List<String> names;
    private long lastStep;

    private MetricsLog(Path file, List<String> names, long lastStep) {
        this.file = file;
        this.names = names;
        this.lastStep = lastStep;
    }

    /**
     * Opens the metrics log of a run folder, creating {@value #FILE_NAME} with its header when
     * absent. An existing file must have the same columns; a partial last line (left by a crash)
     * is removed.
     *
     * @param runDir the run folder; created when absent
     * @param names the value column names, in order: at least one, unique, made of letters,
     *     digits, '_', '-', '.' and '/', and neither "step" nor "epoch"
     * @return the log, positioned after the last complete line
     * @throws IllegalArgumentException if a name is invalid, or the existing file has other
     *     columns or a malformed line
     * @throws IOException if the file cannot be read or written
     */
    public static MetricsLog open(Path runDir, List<String> names) throws IOException {
        Objects.requireNonNull(runDir, "runDir is null");
        List<String> columns = checkNames(names);
        Path file = runDir.resolve(FILE_NAME);
        String header = header(columns);
        if (!Files.exists(file) || Files.size(file) == 0) {
            AtomicFiles.writeString(file, header + "\n");
            return new MetricsLog(file, columns, -1);
        }
        Parsed parsed = parse(file);
        if (!parsed.header.equals(header)) {
            throw new IllegalArgumentException(file + " has the columns '" + parsed.header
                    + "' but this run logs '" + header + "'; use a new run folder, or log the"
                    + " same columns");
        }
        if (parsed.partialTail) {
            rewrite(file, header, parsed.lines);
        }
        return new MetricsLog(file, columns, parsed.table.lastStep());
    }

    /**
     * Reads a metrics file. A partial last line (without its line end) is ignored.
     *
     * @param csvFile the file, usually {@code runDir.resolve(MetricsLog.FILE_NAME)}
     * @return the rows
     * @throws IllegalArgumentException if the header or a line is malformed
     * @throws IOException if the file cannot be read
     */
    public static MetricsTable read(Path csvFile) throws IOException {
        Objects.requireNonNull(csvFile, "csvFile is null");
        return parse(csvFile).table;
    }

    /** The metrics file. */
    public Path file() {
        return file;
    }

    /** The value column names, in order. */
    public List<String> names() {
        return names;
    }

    /** The last logged step, or -1 when nothing is logged yet. */
    public long lastStep() {
        return lastStep;
    }

    /**
     * Appends one line.
     *
     * @param step the step, greater than the last logged step and at least 0
     * @param epoch the epoch, at least 0
     * @param values one value per name, in the order of {@link #names()}; any double, NaN
     *     included
     * @throws IllegalArgumentException if the count of values is wrong or the step does not
     *     increase
     * @throws IOException if the file cannot be written
     */
    public void append(long step, int epoch, double... values) throws IOException {
        Objects.requireNonNull(values, "values is null");
        if (values.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " values " + names
                    + " at step " + step + ", got " + values.length);
        }
        if (step < 0 || epoch < 0) {
            throw new IllegalArgumentException(
                    "step and epoch must be >= 0, got step " + step + ", epoch " + epoch);
        }
        if (step <= lastStep) {
            throw new IllegalArgumentException("step " + step + " must be after the last logged"
                    + " step " + lastStep + " in " + file + "; when resuming, call"
                    + " truncateAfter(checkpointStep) first");
        }
        StringBuilder line = new StringBuilder().append(step).append(',').append(epoch);
        for (double v : values) {
            line.append(',').append(format(v));
        }
        line.append('\n');
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        lastStep = step;
    }

    /**
     * Appends one line from named values.
     *
     * @param step the step, greater than the last logged step and at least 0
     * @param epoch the epoch, at least 0
     * @param values a value for every name of {@link #names()}, and no other
     * @throws IllegalArgumentException if a name is missing or unknown, or the step does not
     *     increase
     * @throws IOException if the file cannot be written
     */
    public void append(long step, int epoch, Map<String, ? extends Number> values)
            throws IOException {
        Objects.requireNonNull(values, "values is null");
        for (String key : values.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("Unknown metrics column '" + key + "' at step "
                        + step + ". Known columns: " + names);
            }
        }
        double[] row = new double[names.size()];
        for (int i = 0; i < row.length; i++) {
            Number v = values.get(names.get(i));
            if (v == null) {
                throw new IllegalArgumentException("missing value for metrics column '"
                        + names.get(i) + "' at step " + step + "; every column of " + names
                        + " needs a value (NaN when unknown)");
            }
            row[i] = v.doubleValue();
        }
        append(step, epoch, row);
    }

    /**
     * Reads the rows logged so far.
     *
     * @return the rows
     * @throws IOException if the file cannot be read
     */
    public MetricsTable read() throws IOException {
        return read(file);
    }

    /**
     * Removes the lines whose step is greater than {@code step}, atomically; used on resume with
     * the checkpoint's step.
     *
     * @param step the last step to keep; -1 removes every line
     * @return the number of lines removed
     * @throws IOException if the file cannot be read or written
     */
    public int truncateAfter(long step) throws IOException {
        Parsed parsed = parse(file);
        long[] steps = parsed.table.steps();
        List<String> kept = new ArrayList<>();
        long last = -1;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] <= step) {
                kept.add(parsed.lines.get(i));
                last = steps[i];
            }
        }
        int removed = steps.length - kept.size();
        if (removed > 0 || parsed.partialTail) {
            rewrite(file, parsed.header, kept);
        }
        lastStep = last;
        return removed;
    }

    private static void rewrite(Path file, String header, List<String> lines)
            throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if ((double) (float) v == v) {
            return Float.toString((float) v);
        }
        return Double.toString(v);
    }

    private static String header(List<String> names) {
        return "step,epoch," + String.join(",", names);
    }

    private static List<String> checkNames(List<String> names) {
        Objects.requireNonNull(names, "names is null");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("metrics names must hold at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metrics name '" + name + "' is invalid: use"
                        + " letters, digits, '_', '-', '.' and '/' only (for example loss_d)");
            }
            if (name.equals("step") || name.equals("epoch")) {
                throw new IllegalArgumentException("metrics name '" + name
                        + "' is reserved: the columns step and epoch are always written");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(
                        "metrics name '" + name + "' appears twice in " + names);
            }
        }
        return List.copyOf(names);
    }

    /** The content of a metrics file: the header, the complete data lines and their rows. */
    private record Parsed(String header, List<String> lines, MetricsTable table,
            boolean partialTail) {}

    private static Parsed parse(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        boolean partialTail = !content.isEmpty() && !content.endsWith("\n");
        String[] all = content.split("\n", -1);
        // The last element is "" after a final line end, or a partial line: dropped either way.
        int complete = all.length - 1;
        if (complete < 1) {
            throw new IllegalArgumentException(file + " has no complete header line; expected"
                    + " 'step,epoch,<name>,...'");
        }
        String header = stripCr(all[0]);
        String[] cols = header.split(",", -1);
        if (cols.length < 3 || !cols[0].equals("step") || !cols[1].equals("epoch")) {
            throw new IllegalArgumentException(file + " has the header '" + header
                    + "'; expected 'step,epoch,<name>,...'");
        }
        List<String> names = checkNames(List.of(cols).subList(2, cols.length));
        int k = names.size();
        List<String> lines = new ArrayList<>();
        List<long[]> stepEpoch = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        long previous = -1;
        for (int i = 1; i < complete; i++) {
            String line = stripCr(all[i]);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != k + 2) {
                throw malformed(file, i, line, "expected " + (k + 2) + " fields, got " + f.length);
            }
            long step;
            int epoch;
            double[] row = new double[k];
            try {
                step = Long.parseLong(f[0].trim());
                epoch = Integer.parseInt(f[1].trim());
                for (int j = 0; j < k; j++) {
                    row[j] = Double.parseDouble(f[j + 2].trim());
                }
            } catch (NumberFormatException e) {
                throw malformed(file, i, line, "a field is not a number (" + e.getMessage() + ")");
            }
            if (step <= previous) {
                throw malformed(file, i, line, "step " + step
                        + " does not increase over the previous line's step " + previous);
            }
            previous = step;
            lines.add(line);
            stepEpoch.add(new long[] {step, epoch});
            values.add(row);
        }
        int n = lines.size();
        long[] steps = new long[n];
        int[] epochs = new int[n];
        double[][] columns = new double[k][n];
        for (int r = 0; r < n; r++) {
            steps[r] = stepEpoch.get(r)[0];
            epochs[r] = (int) stepEpoch.get(r)[1];
            for (int j = 0; j < k; j++) {
                columns[j][r] = values.get(r)[j];
            }
        }
        return new Parsed(header, lines, new MetricsTable(names, steps, epochs, columns),
                partialTail);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static IllegalArgumentException malformed(Path file, int index, String line,
            String why) {
        return new IllegalArgumentException(file + " line " + (index + 1) + " '" + line
                + "' is malformed: " + why);
    }
}
