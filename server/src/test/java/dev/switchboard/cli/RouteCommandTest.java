package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode decision(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void route_printsDecisionOfTheDefaultPolicy() throws Exception {
        JsonNode decision = decision(CliRun.of("route", "我要轉人工"));

        assertThat(decision.get("mode").asText()).isEqualTo("transfer");
        assertThat(decision.get("transfer_message").asText()).isEqualTo("正在为您转接人工客服...");
        assertThat(decision.get("matches").get(0).get("keyword").asText()).isEqualTo("转人工");
        assertThat(decision.get("policy_version").asInt()).isEqualTo(1);
    }

    @Test
    void route_takesEveryInputOption() throws Exception {
        JsonNode flow = decision(CliRun.of(
                "route",
                "--intent-match",
                "{\"intent_name\": \"billing\", \"confidence\": 0.9, \"response_type\": \"flow\", \"flow_id\": \"f1\"}",
                "--intent-hint",
                "{\"confidence\": 0.9}",
                "--feature-flags",
                "{\"agent_enabled\": true}",
                "--context",
                "{\"tier\": 2}",
                "what is my bill"));
        JsonNode human = decision(CliRun.of("route", "--session-mode", "human_active", "--locale", "ar", "hello"));
        JsonNode check = decision(CliRun.of(
                "route",
                "--high-risk-check",
                "{\"matched\": true, \"risk_scenario\": \"refund\", \"recommended_mode\": \"transfer\"}",
                "hi"));

        assertThat(flow.get("target_flow_id").asText()).isEqualTo("f1");
        assertThat(flow.get("intent").asText()).isEqualTo("billing");
        assertThat(human.get("decided_by").asText()).isEqualTo("session_mode");
        assertThat(human.get("locale").asText()).isEqualTo("ar");
        assertThat(check.get("transfer_message").asText())
                .isEqualTo("Your refund request needs a person to handle it." + " Transferring you...");
    }

    @Test
    void route_usesPolicyFile() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                scenarios:
                  - id: transfer
                    keywords: {en: ["speak to a manager"]}
                rules:
                  - id: vip
                    when: 'has(context.vip) && context.vip'
                    mode: fixed
                    message: {en: "Welcome back!"}
                """);

        JsonNode keyword = decision(CliRun.of("route", "--policy", policy.toString(), "I want to SPEAK to a manager"));
        JsonNode rule =
                decision(CliRun.of("route", "--policy", policy.toString(), "--context", "{\"vip\": true}", "x"));

        assertThat(keyword.get("mode").asText()).isEqualTo("transfer");
        assertThat(rule.get("fixed_reply").asText()).isEqualTo("Welcome back!");
    }

    @Test
    void route_rejectsBadInputWithExitCode2() {
        CliRun badJson = CliRun.of("route", "--context", "{oops", "hi");
        CliRun badValue = CliRun.of("route", "--intent-match", "{\"confidence\": 7}", "--session-mode", "robot", "hi");
        CliRun missing = CliRun.of("route", "--policy", dir.resolve("nope.yaml").toString(), "hi");
        CliRun noMessage = CliRun.of("route");

        assertThat(badJson.exitCode()).isEqualTo(2);
        assertThat(badJson.err()).contains("--context: not valid JSON");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).contains("intent_match.confidence", "session_mode");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(noMessage.exitCode()).isEqualTo(2);
        assertThat(noMessage.err()).contains("Missing required parameter: 'MESSAGE'");
    }
}
