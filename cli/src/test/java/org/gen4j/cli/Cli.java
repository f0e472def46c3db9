package org.gen4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Runs {@link Main#execute} in-process, capturing what it prints on stdout and stderr. */
final class Cli {

    /** The exit code and the captured streams of one command. */
    record Result(int code, String out, String err) {

        /** Both streams, for messages that may go to either. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {}

    /** Runs {@code gen4j args...}; the streams are restored afterwards. */
    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        oldErr.println("gen4j " + String.join(" ", Arrays.asList(args)) + " -> exit " + code);
        return r;
    }

    /** The arguments of a tiny mlp-gan run on the 8-Gaussian ring (a second or two of CPU). */
    static String[] tinyMlp(String out, String... more) {
        String[] base = {"train", "--model", "mlp-gan", "--data", "gaussian-ring-8",
            "--set", "data-options.size=512", "--batch-size", "64", "--no-progress",
            "--out", out};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
