package dev.surge.bench.report;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two files a report command writes, as a picocli mixin: {@code --json} and {@code --markdown}. */
public final class ReportOutputs {
    @Option(names = "--json", required = true, paramLabel = "FILE", description = "where to write the results JSON")
    Path json;

    @Option(names = "--markdown", required = true, paramLabel = "FILE", description = "where to write the Markdown")
    Path markdown;

    /** For picocli, which makes one for each command that mixes it in. */
    public ReportOutputs() {
    }

    /** Writes the results JSON and the Markdown. */
    public void write(String jsonText, String markdownText) throws IOException {
        Files.writeString(json, jsonText);
        Files.writeString(markdown, markdownText);
    }
}
