package dev.switchboard.cli;

import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns the expected failures of a command (bad input, unreadable file) into a clear message and exit code 2;
 * anything else is a bug and keeps its stack trace.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        if (e instanceof InvalidInputException invalid) {
            err.println(command + ": invalid input");
            for (Problem problem : invalid.problems()) {
                err.println("  " + problem);
            }
            return USAGE;
        }
        if (e instanceof NoSuchFileException missing) {
            err.println(command + ": no such file: " + missing.getFile());
            return USAGE;
        }
        if (e instanceof IOException io) {
            err.println(command + ": " + io.getMessage());
            return USAGE;
        }
        throw e;
    }
}
