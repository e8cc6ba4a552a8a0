package dev.switchboard.cli;

import dev.switchboard.policy.DefaultPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the built-in default policy, a starting point for one's own. */
@Command(
        name = "default",
        mixinStandardHelpOptions = true,
        description = "Print the built-in default policy (YAML), e.g. to start your own: "
                + "switchboard policy default > policy.yaml")
final class PolicyDefaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(DefaultPolicy.text());
        return 0;
    }
}
