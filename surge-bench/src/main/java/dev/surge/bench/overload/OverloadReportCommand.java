package dev.surge.bench.overload;

import dev.surge.bench.report.ReadableJson;
import dev.surge.bench.report.ReportCommandLine;
import dev.surge.bench.report.ReportOutputs;
import dev.surge.bench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
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

    @Mixin
    ReportOutputs outputs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return ReportCommandLine.of(new OverloadReportCommand());
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
            outputs.write(ReadableJson.write(results), OverloadMarkdown.render(results));
        } catch (IOException e) {
            return fail("cannot write " + e.getMessage());
        }
        return 0;
    }

    private int fail(String message) {
        return ReportCommandLine.fail(spec, message);
    }
}
