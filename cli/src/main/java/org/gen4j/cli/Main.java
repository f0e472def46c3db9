package org.gen4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.OptionalInt;
import org.gen4j.core.spi.Gen4jBuild;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code gen4j} command. Each verb is a subcommand; errors print one clear message and exit
 * non-zero (1 for a failed run, 2 for a usage error), with the stack trace only under
 * {@code --debug}.
 */
@Command(
        name = "gen4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train and use generative models on the JVM (GANs, autoencoders, VAEs) on"
                + " DJL.",
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            EvaluateCommand.class,
            InterpolateCommand.class, TraverseCommand.class, ArithmeticCommand.class,
            ReconstructCommand.class, CompleteCommand.class,
            TranslateCommand.class, UpscaleCommand.class, InpaintCommand.class,
            ListCommand.class,
            TrainClassifierCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    /**
     * Read before picocli by {@link HeapLauncher}, which gives the command's JVM this heap; here
     * only checked, and noted when this JVM's heap was fixed otherwise.
     */
    @Option(names = "--heap", paramLabel = "SIZE", scope = CommandLine.ScopeType.INHERIT,
            description = "The JVM heap of the command, as 512m or 4g (default: the "
                    + HeapLauncher.ENVIRONMENT + " environment variable, else "
                    + HeapLauncher.DEFAULT_HEAP + "; java -Xmx... -jar gen4j.jar sets it too)."
                    + " Tensors live in the engine's native memory, not in the heap.")
    void heap(String size) {
        HeapLauncher.parse("--heap", size);
        if (!"--heap".equals(System.getProperty(HeapLauncher.PROPERTY))) {
            System.err.println("gen4j: --heap " + size + " has no effect: this JVM's heap was"
                    + " fixed when it started (" + HeapLauncher.describe() + ")");
        }
    }

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("error: " + describe(e));
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --debug for the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * The message of an error and of its causes that add something, on one line. The causes of an
     * {@link IllegalArgumentException} (and of an engine failure) are left to {@code --debug}:
     * gen4j's messages name the value, the constraint and the fix themselves, and their causes (a
     * Jackson parse error, a {@code NoSuchFileException}, an engine's native stack) only repeat
     * them at length.
     */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(message(e));
        Throwable c = e instanceof IllegalArgumentException
                || e instanceof org.gen4j.core.engine.EngineFailureException ? null : e.getCause();
        while (c != null && c != e) {
            String m = message(c);
            if (!sb.toString().contains(m)) {
                sb.append(": ").append(m);
            }
            e = c;
            c = c.getCause();
        }
        return sb.toString().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Entry point of the runnable jar: runs the command in a JVM whose heap gen4j sized ({@link
     * HeapLauncher}) unless this JVM was started with a bound of its own.
     */
    public static void main(String[] args) {
        try {
            OptionalInt relaunched = HeapLauncher.relaunchIfUnsized(args);
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("gen4j: could not start a JVM with a sized heap (" + describe(e)
                    + "); running in this one, " + HeapLauncher.describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        HeapLauncher.endWithParent();
        int code;
        try {
            code = execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("error: the command ran out of JVM heap (" + HeapLauncher.describe()
                    + "); run it again with a larger --heap, as --heap 4g");
            code = 1;
        }
        System.exit(code);
    }

    /** The version, commit and build time of the gen4j core this command runs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gen4j " + Gen4jBuild.current().describe()};
        }
    }
}
