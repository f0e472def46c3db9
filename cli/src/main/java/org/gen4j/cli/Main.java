package org.gen4j.cli;

import java.io.PrintWriter;
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

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gen4j " + (v == null ? "development build" : v)};
        }
    }
}
