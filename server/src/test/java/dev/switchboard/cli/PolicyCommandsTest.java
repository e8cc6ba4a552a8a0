package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.policy.DefaultPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, content);
        return path;
    }

    @Test
    void check_acceptsValidPolicy() throws Exception {
        CliRun run = CliRun.of(
                "policy",
                "check",
                file("ok.json", "{\"scenarios\": [{\"id\": \"refund\"," + " \"keywords\": {\"en\": [\"refund*\"]}}]}")
                        .toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("valid (1 scenarios, 1 keywords, 0 rules)");
    }

    @Test
    void check_listsEveryProblem_andExits1() throws Exception {
        CliRun run = CliRun.of("policy", "check", file("bad.yaml", """
                low_confidence_threshold: 2
                rules:
                  - id: r1
                    when: 'context.x >'
                    mode: transfer
                """).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "2 problems",
                        "low_confidence_threshold: must be between",
                        "rules[0].when: rule r1: ",
                        "line 1, column 12");
    }

    @Test
    void check_acceptsTheDefaultPolicy() throws Exception {
        Path policy = file("default.yaml", CliRun.of("policy", "default").out());

        assertThat(Files.readString(policy)).isEqualTo(DefaultPolicy.text());
        assertThat(CliRun.of("policy", "check", policy.toString()).exitCode()).isZero();
    }

    @Test
    void test_printsALinePerCaseAndSummary() throws Exception {
        Path policy = file("default.yaml", DefaultPolicy.text());
        Path passing = file("pass.yaml", """
                - name: refund zh
                  input: {message: 我要退款}
                  expect: {mode: micro_flow, risk_scenario: refund}
                - name: human session
                  input: {message: hi, session_mode: human_active}
                  expect: {mode: transfer, decided_by: session_mode}
                """);
        Path failing = file("fail.json", """
                [{"name": "greeting", "input": {"message": "hello"}, "expect": {"mode": "fixed"}}]
                """);

        CliRun pass = CliRun.of("policy", "test", policy.toString(), passing.toString());
        CliRun fail = CliRun.of("policy", "test", policy.toString(), failing.toString());

        assertThat(pass.exitCode()).isZero();
        assertThat(pass.out()).contains("PASS  refund zh", "PASS  human session", "2 passed, 0 failed, 2 total");
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.out())
                .contains("FAIL  greeting: mode: expected \"fixed\", got \"agent\"", "0 passed, 1 failed, 1 total");
    }

    @Test
    void test_reportsInvalidCasesWithPaths() throws Exception {
        CliRun run = CliRun.of(
                "policy",
                "test",
                file("p.yaml", DefaultPolicy.text()).toString(),
                file("cases.yaml", "- name: x\n  input: {message: hi}\n  expect: {moode: agent}\n")
                        .toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("[0].expect.moode: unknown field");
    }

    @Test
    void eval_printsScoresAndMisclassified_asTextAndJson() throws Exception {
        Path policy = file("p.yaml", DefaultPolicy.text());
        Path labeled = file("labeled.jsonl", """
                {"text": "我要退款", "lang": "zh", "expect": {"refund": true, "transfer": false}}
                {"text": "转人工", "lang": "zh", "expect": {"refund": true}}
                {"text": "hello there", "lang": "en", "expect": {"refund": false}}
                """);

        CliRun text = CliRun.of("policy", "eval", policy.toString(), labeled.toString());
        CliRun json = CliRun.of("policy", "eval", "--json", policy.toString(), labeled.toString());

        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .contains(
                        "precision",
                        "zh    refund",
                        "Misclassified: 1",
                        "[zh] refund expected yes, got no: 转人工  (matched transfer/转人工");
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("misclassified_total").asInt()).isEqualTo(1);
        JsonNode enRefund = report.get("scores").get(0);
        JsonNode zhRefund = report.get("scores").get(1);
        assertThat(enRefund.get("language").asText() + "/"
                        + enRefund.get("scenario").asText())
                .isEqualTo("en/refund");
        assertThat(enRefund.get("recall").isNull()).isTrue();
        assertThat(zhRefund.get("language").asText()).isEqualTo("zh");
        assertThat(zhRefund.get("recall").asDouble()).isEqualTo(0.5);
    }

    @Test
    void migrate_bringsTheEmbeddedStoreUpToDate() {
        CliRun run = CliRun.of("migrate", "--data", dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Schema up to date (sqlite)");
        assertThat(dir.resolve("data").resolve("switchboard.db")).exists();
    }

    @Test
    void everyCommand_hasHelp() {
        for (List<String> command : List.<List<String>>of(
                List.of(),
                List.of("route"),
                List.of("serve"),
                List.of("migrate"),
                List.of("policy"),
                List.of("policy", "check"),
                List.of("policy", "test"),
                List.of("policy", "eval"),
                List.of("policy", "default"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: switchboard");
        }
    }
}
