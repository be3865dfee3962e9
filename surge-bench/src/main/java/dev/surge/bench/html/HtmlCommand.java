package dev.surge.bench.html;

import dev.surge.bench.results.ResultsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code surge bench html RESULT.json}: the HTML report of a peers or routes run, written next
 * to the JSON ({@code peers-<time>.html}). {@code bench/peers/report.sh} runs it after every run.
 */
@Command(name = "./surge bench html", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Writes the HTML report of a `surge bench peers` or `routes` results file: CPU µs per"
                + " request as bars with the rounds' spread, p50/p99 per server, and the table. Self-contained"
                + " (inline SVG, no script, no network).",
        footer = "Exit status: 0 when written, 2 when RESULT.json is missing, unreadable or of another kind.")
public final class HtmlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "a peers or routes results file")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write (default: RESULT.json with .html in place of .json)")
    Path output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HtmlCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("html: " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("html: " + e.getMessage() + " (./surge bench html --help lists the flags)");
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() {
        Path target = output != null ? output : defaultOutput(input);
        try {
            PeerRun run = PeerRun.read(input);
            Files.writeString(target, HtmlPage.render(run, String.valueOf(input.getFileName())));
        } catch (ResultsException e) {
            spec.commandLine().getErr().println("html: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("html: cannot write " + target + ": " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println(target);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Path defaultOutput(Path input) {
        String name = String.valueOf(input.getFileName());
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return input.resolveSibling(base + ".html");
    }
}
