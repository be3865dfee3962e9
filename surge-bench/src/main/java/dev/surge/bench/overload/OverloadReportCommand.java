package dev.surge.bench.overload;

import dev.surge.bench.report.ReadableJson;
import dev.surge.bench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** The results of a {@code ./surge bench overload} run, from the run directory {@code bench/overload.sh} filled. */
@Command(name = "overload-report", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Summarizes the scenarios of an overload run (medians over rounds, verdicts against the"
                + " targets) and writes the results JSON and Markdown. bench/overload.sh runs it.",
        footer = "Exit status: 0 when written, 2 when an input is missing or malformed or an output cannot be written.")
public final class OverloadReportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "the run directory: parameters.json, machine.json and <scenario>.jsonl")
    Path run;

    @Option(names = "--json", required = true, paramLabel = "FILE", description = "where to write the results JSON")
    Path json;

    @Option(names = "--markdown", required = true, paramLabel = "FILE", description = "where to write the Markdown")
    Path markdown;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new OverloadReportCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("overload-report: " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("overload-report: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() {
        Map<String, Object> results;
        try {
            results = OverloadRun.read(run).tree();
        } catch (ResultsException e) {
            return fail(e.getMessage());
        }
        try {
            Files.writeString(json, ReadableJson.write(results));
            Files.writeString(markdown, OverloadMarkdown.render(results));
        } catch (IOException e) {
            return fail("cannot write " + e.getMessage());
        }
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("overload-report: " + message);
        return 2;
    }
}
