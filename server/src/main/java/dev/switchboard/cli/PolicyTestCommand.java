package dev.switchboard.cli;

import dev.switchboard.evaluation.PolicyTestCase;
import dev.switchboard.evaluation.PolicyTestResult;
import dev.switchboard.evaluation.PolicyTests;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.Documents;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.text.Language;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs test cases against a policy file. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = "Run test cases against a policy: a line per case, a summary, exit 1 when any case fails.",
        footer = {
            "",
            "CASES is a YAML or JSON list of cases:",
            "  - name: refund zh",
            "    input: {message: 我要退款}",
            "    expect: {mode: micro_flow, risk_scenario: refund}",
            "",
            "input takes the fields of POST /v1/route; expect compares decision fields: "
                    + "mode, decided_by, reason_code, risk_scenario, high_risk_triggered, target_flow_id, "
                    + "fixed_reply, transfer_message, intent, confidence, locale, policy_version."
        })
final class PolicyTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file.")
    Path file;

    @Parameters(index = "1", paramLabel = "CASES", description = "The test cases (YAML or JSON).")
    Path cases;

    @Option(
            names = "--default-locale",
            paramLabel = "LANG",
            defaultValue = "en",
            description = "Language when a case neither sets locale nor has a script that tells"
                    + " (default: ${DEFAULT-VALUE}).")
    Language defaultLocale;

    @Override
    public Integer call() throws IOException, InvalidInputException {
        CompiledPolicy policy = PolicyFiles.load(file);
        String text = Files.readString(cases, StandardCharsets.UTF_8);
        List<PolicyTestCase> testCases = PolicyTests.read(
                Documents.parse(
                        text, DocumentFormat.forFileName(cases.getFileName().toString())),
                defaultLocale);
        List<PolicyTestResult> results = PolicyTests.run(policy, testCases);
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (PolicyTestResult result : results) {
            if (result.passed()) {
                out.println("PASS  " + result.name());
            } else {
                failed++;
                out.println("FAIL  " + result.name() + ": " + String.join("; ", result.failures()));
            }
        }
        out.printf("%d passed, %d failed, %d total%n", results.size() - failed, failed, results.size());
        return failed == 0 ? 0 : 1;
    }
}
