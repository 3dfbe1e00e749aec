package dev.sticker.system;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./sticker}: run the whole system locally, make stickers, invoke one function, manage keys and credit. */
@Command(name = "sticker", mixinStandardHelpOptions = true,
        description = "face-to-sticker on this machine.",
        subcommands = {UpCommand.class, MakeCommand.class, InvokeCommand.class, AdminCommands.Keys.class,
                AdminCommands.Accounts.class, AdminCommands.Usage.class})
public final class StickerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine().execute(args);
        } catch (LinkageError e) {
            // A class missing or stale on the classpath: the build is incomplete, not the input wrong.
            System.err.println("sticker: the build is incomplete (" + e + "); rebuild and retry");
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** The command line with its subcommands; a failure prints {@code sticker: <reason>} and exits with 1. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new StickerCli());
        commandLine.getSubcommands().get("up").getCommandSpec().usageMessage().footer(UpCommand.settingsHelp());
        commandLine.setExecutionExceptionHandler((failure, cli, parsed) -> {
            Throwable reason = failure.getMessage() != null ? failure : rootCause(failure);
            cli.getErr().println("sticker: " + (reason.getMessage() == null ? reason.toString() : reason.getMessage()));
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The repository the launcher runs from: template.yaml, .sticker/ and docs/ are found there. */
    static Path home() {
        return Path.of(System.getProperty("sticker.home", System.getProperty("user.dir"))).toAbsolutePath();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? failure : cause;
    }
}
