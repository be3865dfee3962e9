package dev.surge.bench.compare;

import dev.surge.bench.results.BenchResults;
import dev.surge.bench.results.JsonTree;
import dev.surge.bench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code surge bench compare OLD.json NEW.json}: what benchstat does for Go, for our results and JMH's. */
@Command(name = "./surge bench compare", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = {
            "Compares two benchmark results files figure by figure: old and new medians, the change in"
                + " percent, and whether the change is significant given the spread of the repeated runs"
                + " (two-sided Mann-Whitney U on every round's or iteration's value; '~' when it is not).",
            "Reads `surge bench` results (peers, routes: an object with results and samples) and JMH's"
                + " JSON (-rf json, e.g. `surge bench codec`); both files must be of one kind."},
        footer = "Exit status: 0 when compared (whatever changed), 2 when a file is missing, unreadable,"
                + " or the two are of different kinds.")
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD.json", description = "the baseline")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW.json", description = "the run to judge against it")
    Path newFile;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the comparison as JSON to FILE")
    Path json;

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "LEVEL",
            description = "significance level (default: ${DEFAULT-VALUE})")
    double alpha;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CompareCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("compare: " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("compare: " + e.getMessage() + " (./surge bench compare --help lists the flags)");
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() {
        if (!(alpha > 0 && alpha < 1)) {
            return fail("--alpha must lie between 0 and 1, not " + alpha);
        }
        BenchResults old;
        BenchResults now;
        try {
            old = BenchResults.read(oldFile);
            now = BenchResults.read(newFile);
        } catch (ResultsException e) {
            return fail(e.getMessage());
        }
        if (old.kind() != now.kind()) {
            return fail(oldFile + " holds " + old.kind().description() + " but " + newFile + " holds "
                    + now.kind().description() + "; compare two files of one kind");
        }
        Comparison comparison = Comparison.of(old, now, alpha);
        spec.commandLine().getOut().print(ComparisonTable.render(comparison));
        spec.commandLine().getOut().flush();
        if (json != null) {
            try (OutputStream out = Files.newOutputStream(json)) {
                JsonTree.write(ComparisonJson.tree(comparison), out);
            } catch (IOException e) {
                return fail("cannot write " + json + ": " + e.getMessage());
            }
        }
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("compare: " + message);
        return 2;
    }
}
