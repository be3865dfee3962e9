package dev.surge.bench.files;

import dev.surge.bench.report.KeyValues;
import dev.surge.bench.report.ReadableJson;
import dev.surge.bench.report.ReportCommandLine;
import dev.surge.bench.report.ReportOutputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The reports of a {@code ./surge bench files} run, from the samples {@code bench/files.sh} collected. */
@Command(name = "files-report", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Folds the samples of a files run into medians per kind of file and server and writes"
                + " the results JSON and Markdown. bench/files.sh runs it.",
        footer = "Exit status: 0 when written, 2 when an input is missing or malformed or an output cannot be written.")
public final class FilesReportCommand implements Callable<Integer> {

    @Option(names = "--samples", required = true, paramLabel = "FILE",
            description = "every round's samples, tab-separated, as bench/files.sh writes them")
    Path samples;

    @Option(names = "--parameters", required = true, paramLabel = "FILE", description = "key<TAB>value lines: the flags")
    Path parameters;

    @Mixin
    ReportOutputs outputs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return ReportCommandLine.of(new FilesReportCommand());
    }

    @Override
    public Integer call() {
        FilesReport report;
        try {
            report = FilesReport.of(KeyValues.read(parameters), FilesReport.read(samples));
        } catch (IOException e) {
            return fail("cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        try {
            outputs.write(ReadableJson.write(FilesJson.tree(report)), FilesMarkdown.render(report));
        } catch (IOException e) {
            return fail("cannot write " + e.getMessage());
        }
        return 0;
    }

    private int fail(String message) {
        return ReportCommandLine.fail(spec, message);
    }
}
