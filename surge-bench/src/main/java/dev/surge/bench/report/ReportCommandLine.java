package dev.surge.bench.report;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every report command of the benchmarks runs (peers, files, overload, flood): picocli, with
 * a bad flag and a failure alike told on one line of standard error behind the command's name,
 * and exit status 2, so that the script that called it can stop.
 */
public final class ReportCommandLine {
    private ReportCommandLine() {
    }

    /** The command line of {@code command}, a picocli {@code @Command}. */
    public static CommandLine of(Object command) {
        CommandLine cli = new CommandLine(command);
        String name = cli.getCommandName();
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(name + ": " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(name + ": " + e.getMessage());
            return 2;
        });
        return cli;
    }

    /** Tells {@code message} as the command's failure; returns its exit status, 2. */
    public static int fail(CommandSpec spec, String message) {
        spec.commandLine().getErr().println(spec.name() + ": " + message);
        return 2;
    }
}
