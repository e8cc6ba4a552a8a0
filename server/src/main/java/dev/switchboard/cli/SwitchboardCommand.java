package dev.switchboard.cli;

import picocli.CommandLine.Command;

/** The top-level command. */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Human-in-the-loop control plane for AI agents that talk to customers in Arabic, Chinese and"
                + " English.",
        subcommands = {ServeCommand.class, RouteCommand.class, PolicyCommand.class, MigrateCommand.class})
final class SwitchboardCommand {}
