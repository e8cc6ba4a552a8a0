package dev.switchboard.cli;

import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates a policy file. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Validate a policy file (JSON, or YAML by extension). Exit 0 when valid; otherwise exit 1 and"
                + " list every problem with its field path (CEL errors with rule id, line and column).")
final class PolicyCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            CompiledPolicy compiled = PolicyFiles.load(file);
            Policy policy = compiled.policy();
            long keywords = policy.scenarios().stream()
                    .mapToLong(s -> s.keywords().values().stream()
                            .mapToLong(java.util.List::size)
                            .sum())
                    .sum();
            out.printf(
                    "%s: valid (%d scenarios, %d keywords, %d rules)%n",
                    file, policy.scenarios().size(), keywords, policy.rules().size());
            return 0;
        } catch (InvalidInputException e) {
            out.printf(
                    "%s: %d problem%s%n",
                    file, e.problems().size(), e.problems().size() == 1 ? "" : "s");
            for (Problem problem : e.problems()) {
                out.println("  " + problem);
            }
            return 1;
        }
    }
}
