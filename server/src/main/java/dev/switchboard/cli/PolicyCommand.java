package dev.switchboard.cli;

import picocli.CommandLine.Command;

/** Groups the policy author's commands. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Check, test and evaluate policy files offline.",
        subcommands = {
            PolicyCheckCommand.class,
            PolicyTestCommand.class,
            PolicyEvalCommand.class,
            PolicyDefaultCommand.class
        })
final class PolicyCommand {}
