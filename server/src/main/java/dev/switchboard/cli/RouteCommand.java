package dev.switchboard.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.json.RouteRequestJson;
import dev.switchboard.policy.CompiledPolicy;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.text.Language;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Routes one message offline and prints the decision. */
@Command(
        name = "route",
        mixinStandardHelpOptions = true,
        description = "Decide one message offline and print the decision as JSON (the body POST /v1/route returns,"
                + " without session and ids).",
        footer = {
            "",
            "Example:",
            "  switchboard route --intent-match '{\"confidence\": 0.9, \"response_type\": \"flow\","
                    + " \"flow_id\": \"f1\"}' \"我要退款\""
        })
final class RouteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Policy file (JSON, or YAML by extension);" + " default: the built-in default policy.")
    Path policy;

    @Option(names = "--session-mode", paramLabel = "MODE", description = "bot_active or human_active.")
    String sessionMode;

    @Option(names = "--locale", paramLabel = "LANG", description = "en, ar or zh; default: from the message's script.")
    String locale;

    @Option(
            names = "--default-locale",
            paramLabel = "LANG",
            defaultValue = "en",
            description = "Language when neither --locale nor the script tells (default: ${DEFAULT-VALUE}).")
    Language defaultLocale;

    @Option(
            names = "--feature-flags",
            paramLabel = "JSON",
            description = "{\"agent_enabled\": true," + " \"rollback_to_legacy\": false}")
    String featureFlags;

    @Option(
            names = "--intent-match",
            paramLabel = "JSON",
            description =
                    "{\"intent_name\", \"confidence\","
                            + " \"response_type\": agent|fixed|transfer|flow, \"flow_id\", \"fixed_reply\", \"transfer_message\"}")
    String intentMatch;

    @Option(
            names = "--intent-hint",
            paramLabel = "JSON",
            description = "{\"intent\", \"confidence\","
                    + " \"suggested_mode\", \"high_risk_detected\", \"fallback_reason_code\", \"target_flow_id\"}")
    String intentHint;

    @Option(
            names = "--high-risk-check",
            paramLabel = "JSON",
            description = "{\"matched\", \"risk_scenario\"," + " \"rule_id\", \"recommended_mode\"}")
    String highRiskCheck;

    @Option(names = "--context", paramLabel = "JSON", description = "Free JSON object for policy rules.")
    String context;

    @Parameters(paramLabel = "MESSAGE", description = "The customer's message.")
    String message;

    @Override
    public Integer call() throws IOException, InvalidInputException {
        CompiledPolicy compiled = PolicyFiles.load(policy);
        Decision decision = compiled.route(request());
        spec.commandLine().getOut().println(CliJson.pretty(DecisionJson.write(decision)));
        return 0;
    }

    /** The options as the JSON body of a route request, read by the same validation as the HTTP API. */
    private RouteRequest request() throws InvalidInputException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("message", message);
        if (sessionMode != null) {
            body.put("session_mode", sessionMode);
        }
        if (locale != null) {
            body.put("locale", locale);
        }
        putJson(body, "feature_flags", "--feature-flags", featureFlags);
        putJson(body, "intent_match", "--intent-match", intentMatch);
        putJson(body, "intent_hint", "--intent-hint", intentHint);
        putJson(body, "high_risk_check", "--high-risk-check", highRiskCheck);
        putJson(body, "context", "--context", context);
        return RouteRequestJson.read(body, defaultLocale);
    }

    private static void putJson(ObjectNode body, String field, String option, String text)
            throws InvalidInputException {
        if (text != null) {
            body.set(field, CliJson.option(option, text));
        }
    }
}
