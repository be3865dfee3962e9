package dev.surge.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code surge} command line: {@code surge run} starts the reference service. */
@Command(name = "surge", mixinStandardHelpOptions = true, version = "surge 0.1.0",
        description = "Surge: an HTTP/1.1 stack for very high request rates.",
        subcommands = {RunCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("surge: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
