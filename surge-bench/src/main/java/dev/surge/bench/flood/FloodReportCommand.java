package dev.surge.bench.flood;

import dev.surge.bench.report.ReportCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The Markdown report of a {@code ./surge bench flood} run, from its clients' output and the memory bench/flood.sh read. */
@Command(name = "flood-report", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Sums the load clients' counts of a flood run, works out the memory per connection and per"
                + " request in flight, and writes the Markdown report (also to stdout). bench/flood.sh runs it.",
        footer = "Exit status: 0 when every connection was made with no error, 1 when not, 2 when an input is"
                + " missing or malformed or the report cannot be written.")
public final class FloodReportCommand implements Callable<Integer> {

    @Option(names = "--asked", required = true, paramLabel = "N", description = "connections asked for")
    long asked;

    @Option(names = "--file-limit", required = true, paramLabel = "N", description = "open files a process may hold")
    long fileLimit;

    @Option(names = "--processes", required = true, paramLabel = "N", description = "servers, and load clients")
    int processes;

    @Option(names = "--delay", required = true, paramLabel = "MS", description = "how long each handler slept")
    long delay;

    @Option(names = "--java", required = true, paramLabel = "TEXT", description = "the JDK's version line")
    String java;

    @Option(names = "--cpus", required = true, paramLabel = "N", description = "the machine's CPUs")
    int cpus;

    @Option(names = "--rss", required = true, split = ",", paramLabel = "KIB,KIB,KIB",
            description = "resident memory of all servers: no connections, connections idle, requests in flight")
    long[] rss;

    @Option(names = "--heap", required = true, split = ",", paramLabel = "KIB,KIB,KIB",
            description = "live heap after a full GC of all servers, at the same three moments")
    long[] heap;

    @Option(names = "--markdown", required = true, paramLabel = "FILE", description = "where to write the report")
    Path markdown;

    @Parameters(arity = "1..*", paramLabel = "CLIENT.out", description = "what each load client printed")
    List<Path> clientOutputs;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return ReportCommandLine.of(new FloodReportCommand());
    }

    @Override
    public Integer call() {
        if (rss.length != 3 || heap.length != 3) {
            return fail("--rss and --heap take three readings each (no connections, idle, in flight)");
        }
        List<FloodClient> clients = new ArrayList<>();
        String text;
        FloodReport report;
        try {
            for (Path p : clientOutputs) {
                clients.add(FloodClient.read(p));
            }
            report = new FloodReport(asked, fileLimit, processes, delay, java, cpus, rss, heap, clients);
            text = report.markdown();
            Files.writeString(markdown, text);
        } catch (IOException e) {
            return fail("cannot read or write " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return report.complete() ? 0 : 1;
    }

    private int fail(String message) {
        return ReportCommandLine.fail(spec, message);
    }
}
