package dev.surge.bench.peers;

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

/**
 * The reports of a {@code ./surge bench peers} (or routes, metrics) run, from the files
 * {@code bench/peers.sh} collected: the table on stdout, the results JSON and the Markdown.
 */
@Command(name = "peer-report", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Folds the samples of a peers, routes or metrics run into medians per server and mode,"
                + " prints the table and writes the results JSON and Markdown. bench/peers.sh runs it.",
        footer = "Exit status: 0 when written, 2 when an input is missing or malformed or an output cannot be written.")
public final class PeerReportCommand implements Callable<Integer> {

    @Option(names = "--kind", defaultValue = "peers", paramLabel = "NAME",
            description = "the benchmark: peers, routes or metrics (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--samples", required = true, paramLabel = "FILE",
            description = "every round's samples, tab-separated, as bench/peers/measure.sh writes them")
    Path samples;

    @Option(names = "--parameters", required = true, paramLabel = "FILE", description = "key<TAB>value lines: the flags")
    Path parameters;

    @Option(names = "--machine", required = true, paramLabel = "FILE", description = "key<TAB>value lines: the machine")
    Path machine;

    @Mixin
    ReportOutputs outputs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return ReportCommandLine.of(new PeerReportCommand());
    }

    @Override
    public Integer call() {
        PeerReport report;
        try {
            report = PeerReport.of(kind, KeyValues.read(parameters), KeyValues.read(machine), PeerSamples.read(samples));
        } catch (IOException e) {
            return fail("cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        try {
            outputs.write(ReadableJson.write(PeerJson.tree(report)), PeerMarkdown.render(report));
        } catch (IOException e) {
            return fail("cannot write " + e.getMessage());
        }
        spec.commandLine().getOut().print(PeerTable.render(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int fail(String message) {
        return ReportCommandLine.fail(spec, message);
    }
}
