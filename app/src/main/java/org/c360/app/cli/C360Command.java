package org.c360.app.cli;

import java.io.PrintWriter;

import org.c360.analytics.work.C360Exception;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code c360} command line: the same engine as the app, for scripts and benchmarks. */
@Command(name = "c360", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Customer 360 Workbench: one resolved view of every customer, offline.",
        subcommands = {GenerateCommand.class, ImportCommand.class, MappingCommand.class, LinksCommand.class, ResolveCommand.class,
                ProfileCommand.class, ReviewCommand.class, SqlCommand.class, AnalyzeCommand.class, LtvCommand.class,
                BrowseCommand.class, SegmentCommand.class,
                AppCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'c360 COMMAND --help' for the options of a command."})
public final class C360Command implements Runnable {

    /** Exit code for bad usage (unknown command or option, bad value). */
    public static final int USAGE = 2;
    /** Exit code for a failure while doing the work (bad file, SQL error...). */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command (generate, import, mapping, resolve, profile, review, sql, analyze, segment, ltv, browse, app).");
    }

    /** Runs the command line and returns the process exit code; never calls {@code System.exit}. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new C360Command());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(C360Command::usageError);
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            if (ex instanceof C360Exception c360) {
                cl.getErr().println("c360: " + c360.getMessage());
                if (Boolean.getBoolean("c360.debug") && c360.getCause() != null) {
                    c360.printStackTrace(cl.getErr());
                }
            } else {
                cl.getErr().println("c360: unexpected error: " + ex);
                ex.printStackTrace(cl.getErr());
            }
            return FAILURE;
        });
        return commandLine.execute(args);
    }

    /** One clear sentence and a pointer to --help, instead of picocli's whole usage text. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched && cl.getCommandSpec().parent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            message = "Unknown command '" + unmatched.getUnmatched().getFirst()
                    + "' (expected one of: " + String.join(", ", cl.getSubcommands().keySet()) + ").";
        } else if (!message.endsWith(".")) {
            message = message + ".";
        }
        cl.getErr().println("c360: " + message + " Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE;
    }
}
